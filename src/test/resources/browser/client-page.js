// A frontend on another origin: the module with baseUrl pointing at Portero, options from the query
// (api, watch=0|1, poll seconds, warning seconds). The test drives it through window.portero.
import { PorteroClient } from '/portero-client.js';

const params = new URLSearchParams(location.search);
const portero = new PorteroClient({
  baseUrl: params.get('api'),
  watchInactivity: params.get('watch') !== '0',
  pollSeconds: Number(params.get('poll') || 120),
  warningSeconds: params.get('warning') ? Number(params.get('warning')) : null, // else the server's lead
});
const $ = (id) => document.getElementById(id);
const show = () => ($('state').textContent = portero.state);
let polls = 0;
portero.addEventListener('login', show);
portero.addEventListener('status', () => {
  $('polls').textContent = String(++polls);
  show();
});
portero.addEventListener('warning', (event) => {
  $('warning').textContent = String(event.detail.secondsLeft);
  show();
});
portero.addEventListener('warning-cleared', () => {
  $('warning').textContent = '';
  show();
});
portero.addEventListener('session-ended', (event) => {
  $('ended-reason').textContent = event.detail.reason;
  $('ended-origin').textContent = event.detail.origin;
  $('ended-message').textContent = event.detail.message;
  show();
});
window.portero = portero;
show();
