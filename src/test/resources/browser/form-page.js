// Points both forms at Portero's refresh route (?api=...), as an attacker's page would.
const api = new URLSearchParams(location.search).get('api');
for (const form of document.forms) form.action = api + '/api/token/refresh/';
document.body.dataset.ready = 'true';
