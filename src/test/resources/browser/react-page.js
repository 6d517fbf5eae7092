// A React app (React 18 from the page, no bundler) on the hooks of /portero-react.js.
import { PorteroClient } from '/portero-client.js';
import { createPorteroHooks } from '/portero-react.js';

const React = window.React;
const h = React.createElement;
const params = new URLSearchParams(location.search);
const portero = new PorteroClient({
  baseUrl: params.get('api'),
  warningSeconds: params.get('warning') ? Number(params.get('warning')) : null, // else the server's lead
});
window.portero = portero;
const { usePorteroSession, useInactivityLogout } = createPorteroHooks(React);

function App() {
  const session = usePorteroSession(portero);
  const [loggedOut, setLoggedOut] = React.useState('');
  const idle = useInactivityLogout(portero, { onLogout: (detail) => setLoggedOut(detail.reason) });
  return h(
    'main',
    null,
    h('h1', null, 'React app on portero-react.js'),
    h('p', null, 'state: ', h('span', { id: 'state' }, session.state)),
    h('p', null, 'user: ', h('span', { id: 'user' }, session.session ? session.session.username : '')),
    h('p', null, 'idle timeout (s): ', h('span', { id: 'idle-timeout' }, session.status ? String(session.status.idle_timeout_seconds) : '')),
    idle.warning
      ? h(
          'div',
          { id: 'warning', role: 'alertdialog', 'aria-live': 'assertive' },
          h('p', null, 'Logging out in ', h('span', { id: 'countdown' }, String(idle.secondsLeft)), ' s'),
          h('button', { id: 'stay', onClick: idle.stayActive }, 'Stay signed in'),
        )
      : null,
    session.ended ? h('p', { id: 'ended' }, session.ended.reason + ': ' + session.ended.message) : null,
    h('p', null, 'onLogout: ', h('span', { id: 'on-logout' }, loggedOut)),
    h('button', { id: 'logout', onClick: idle.logout }, 'Log out'),
  );
}

ReactDOM.createRoot(document.getElementById('root')).render(h(App));
