/**
 * React hooks over a {@link PorteroClient} (`/portero-client.js`). React is not bundled: the page
 * hands in its own copy, so the hooks always use the React the app renders with.
 *
 *   import { PorteroClient } from '/portero-client.js';
 *   import { createPorteroHooks } from '/portero-react.js';
 *   const portero = new PorteroClient();
 *   const { usePorteroSession, useInactivityLogout } = createPorteroHooks(React);
 *
 * `usePorteroSession(client)` → `{state, session, status, warning, ended, stayActive, logout}`:
 *   re-renders on every client event; `warning` is `{secondsLeft, endsAt, reason, message}` while
 *   the end is near, else null; `ended` is the last `session-ended` detail (`{reason, message,
 *   origin}`) until the next login.
 *
 * `useInactivityLogout(client, {onLogout, onWarning})` → `{warning, secondsLeft, stayActive,
 *   logout}`: the original hook's job (listen for activity, log out when idle, check when the
 *   page comes back) is done by the client with the server's timings; the hook only calls back.
 */
export function createPorteroHooks(React) {
  if (!React || typeof React.useEffect !== 'function') {
    throw new TypeError('createPorteroHooks(React): pass the React object the app renders with');
  }
  const { useEffect, useRef, useState, useCallback } = React;

  function usePorteroSession(client) {
    const [snapshot, setSnapshot] = useState(() => ({
      state: client.state,
      session: client.session,
      status: client.status,
      warning: null,
      ended: null,
    }));

    useEffect(() => {
      const update = (changes) =>
        setSnapshot((previous) => ({
          ...previous,
          state: client.state,
          session: client.session,
          status: client.status,
          ...changes,
        }));
      const handlers = {
        login: () => update({ warning: null, ended: null }),
        status: () => update({}),
        warning: (event) => update({ warning: event.detail }),
        'warning-cleared': () => update({ warning: null }),
        'session-ended': (event) => update({ warning: null, ended: event.detail }),
      };
      for (const [type, handler] of Object.entries(handlers)) client.addEventListener(type, handler);
      update({});
      return () => {
        for (const [type, handler] of Object.entries(handlers)) client.removeEventListener(type, handler);
      };
    }, [client]);

    const stayActive = useCallback(() => client.stayActive(), [client]);
    const logout = useCallback(() => client.logout(), [client]);
    return { ...snapshot, stayActive, logout };
  }

  function useInactivityLogout(client, { onLogout, onWarning } = {}) {
    const callbacks = useRef({ onLogout, onWarning });
    callbacks.current = { onLogout, onWarning };
    const session = usePorteroSession(client);

    useEffect(() => {
      const ended = (event) => callbacks.current.onLogout && callbacks.current.onLogout(event.detail);
      const warned = (event) => callbacks.current.onWarning && callbacks.current.onWarning(event.detail);
      client.addEventListener('session-ended', ended);
      client.addEventListener('warning', warned);
      return () => {
        client.removeEventListener('session-ended', ended);
        client.removeEventListener('warning', warned);
      };
    }, [client]);

    return {
      warning: session.warning !== null,
      secondsLeft: session.warning ? session.warning.secondsLeft : null,
      stayActive: session.stayActive,
      logout: session.logout,
    };
  }

  return { usePorteroSession, useInactivityLogout };
}
