/**
 * Portero browser client: a plain ES module, no build step, no dependencies.
 *
 *   import { PorteroClient } from '/portero-client.js';
 *   const portero = new PorteroClient();            // same origin, refresh cookie
 *   portero.addEventListener('session-ended', (e) => showLogin(e.detail.message));
 *   if (!(await portero.resume())) showLogin();     // a reload keeps the session (cookie mode)
 *   const result = await portero.login('maria', 'secret');
 *   const answer = await portero.fetch('/api/sessions/');
 *
 * What it does (docs/frontend.md has the whole story):
 * - keeps the access token in memory only; in cookie mode (default) the refresh token is an
 *   HttpOnly cookie the script never sees; nothing secret is ever written to Web Storage;
 * - refreshes the access token shortly before it expires, one refresh at a time across the tab
 *   (one promise) and across tabs (a Web Lock, or a lease over the tab channel without one);
 * - turns a 401 whose code ends the session into a `session-ended` event with the reason and its
 *   text; a 401 for an expired or outdated token gets one refresh and one retry instead;
 * - watches user input (pointer, mouse, keys, scroll, touch, wheel) against the server's idle
 *   timeout, warns before the end (`warning`), and logs out when it runs out;
 * - tells the server about activity that made no API call (`POST /api/session-activity/`, at most
 *   once per activity-write interval), polls the status passively, and checks at once when the page
 *   comes back (visibilitychange, pageshow, focus, online, resume);
 * - shares activity, login and logout between the tabs of the origin (BroadcastChannel, or
 *   `storage` events that carry no token).
 *
 * Events (all `CustomEvent`s on the client, which is an `EventTarget`):
 * - `login`         {sessionId, username, roles}     a session started or was resumed here
 * - `status`        {status}                         a session-status answer arrived
 * - `warning`       {secondsLeft, endsAt, reason}    the end is near; fired every second meanwhile
 * - `warning-cleared` {}                             activity (here or in another tab) moved the end
 * - `session-ended` {reason, message, origin}        the session is over (origin: `logout`, `idle`,
 *                                                    `server`, `tab`, `password`)
 */

const DEFAULTS = {
  baseUrl: '',
  refreshCookie: true,
  lang: null,
  warningSeconds: null,
  pollSeconds: 120,
  refreshMarginSeconds: 30,
  activityWriteSeconds: 60,
  watchInactivity: true,
  channelName: 'portero',
};

/** Codes of a 401 that mean the session is over: no refresh can help. */
export const SESSION_END_CODES = Object.freeze([
  'session_ended',
  'session_expired',
  'session_max_lifetime',
  'session_evicted',
  'session_revoked',
  'password_changed',
  'refresh_token_reused',
  'invalid_refresh_token',
]);

/** Codes of a 401 after which one refresh and one retry are worth trying. */
const RETRY_CODES = ['invalid_token', 'token_outdated', 'not_authenticated'];

const TEXTS = {
  es: {
    session_ended: 'La sesión se cerró.',
    session_expired: 'La sesión expiró por inactividad.',
    session_max_lifetime: 'La sesión alcanzó su duración máxima; inicie sesión de nuevo.',
    session_evicted: 'La sesión se cerró porque se inició sesión en otro dispositivo.',
    session_revoked: 'La sesión fue revocada.',
    password_changed: 'La contraseña cambió; inicie sesión de nuevo.',
    password_changed_here: 'Contraseña cambiada correctamente. Inicie sesión con la nueva contraseña.',
    refresh_token_reused: 'La sesión se cerró por seguridad: se reutilizó un token de refresco.',
    invalid_refresh_token: 'La sesión ya no es válida; inicie sesión de nuevo.',
    logged_out: 'Ha cerrado la sesión.',
    invalid_credentials: 'Usuario o contraseña incorrectos.',
    account_disabled: 'La cuenta está deshabilitada.',
    session_limit_reached: 'Máximo de dispositivos conectados',
    end_session_invalid: 'Esa sesión ya no está activa; elija otra.',
    too_many_attempts: 'Demasiados intentos fallidos. Inténtelo de nuevo en {seconds} s.',
    service_busy: 'El servicio está ocupado; inténtelo de nuevo en unos segundos.',
    service_unavailable: 'El servicio no está disponible; inténtelo de nuevo en unos segundos.',
    network_error: 'No se pudo contactar con el servidor. Compruebe la conexión.',
    unexpected: 'Algo salió mal ({status}).',
    warning: 'Su sesión se cerrará por inactividad en {seconds} s.',
    warning_lifetime: 'Su sesión alcanzará su duración máxima en {seconds} s.',
  },
  en: {
    session_ended: 'The session was closed.',
    session_expired: 'The session expired after inactivity.',
    session_max_lifetime: 'The session reached its maximum lifetime; log in again.',
    session_evicted: 'The session was closed because you logged in on another device.',
    session_revoked: 'The session was revoked.',
    password_changed: 'The password changed; log in again.',
    password_changed_here: 'Password changed. Log in with the new password.',
    refresh_token_reused: 'The session was closed for safety: a refresh token was used twice.',
    invalid_refresh_token: 'The session is no longer valid; log in again.',
    logged_out: 'You have logged out.',
    invalid_credentials: 'Wrong username or password.',
    account_disabled: 'The account is disabled.',
    session_limit_reached: 'Maximum number of connected devices reached',
    end_session_invalid: 'That session is no longer active; choose another.',
    too_many_attempts: 'Too many failed attempts. Try again in {seconds} s.',
    service_busy: 'The service is busy; try again in a few seconds.',
    service_unavailable: 'The service is unavailable; try again in a few seconds.',
    network_error: 'The server could not be reached. Check the connection.',
    unexpected: 'Something went wrong ({status}).',
    warning: 'Your session will close for inactivity in {seconds} s.',
    warning_lifetime: 'Your session reaches its maximum lifetime in {seconds} s.',
  },
};

/** The page's language as the client sees it: `en` for any English tag, else `es`. */
export function pageLanguage(explicit) {
  const tag = explicit || (globalThis.document && document.documentElement.lang) || 'es';
  return tag.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/** The client's text for a code in a language, with `{name}` placeholders filled. */
export function text(code, lang, values = {}) {
  const table = TEXTS[pageLanguage(lang)];
  const template = table[code] ?? TEXTS.es[code] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** An API error: the problem document's `code`, HTTP status, text and extra members. */
export class PorteroError extends Error {
  constructor(code, status, message, problem = {}, retryAfter = null) {
    super(message);
    this.name = 'PorteroError';
    this.code = code;
    this.status = status;
    this.problem = problem;
    this.violations = problem.violations ?? [];
    this.retryAfter = retryAfter;
  }
}

/** Reads the claims of a JWT without verifying it (the server does): `sid`, `exp`, `groups`, `upn`. */
function claimsOf(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''),
    );
    return JSON.parse(json);
  } catch {
    return {};
  }
}

const ACTIVITY_EVENTS = [
  'pointerdown',
  'pointermove',
  'mousedown',
  'mousemove',
  'keydown',
  'keyup',
  'click',
  'scroll',
  'touchstart',
  'wheel',
];

/**
 * The start of a press. While the warning shows these do not count yet: clearing the warning (and
 * the page removing its dialog) between the press and its release would let the release, and so
 * the click, land on whatever lay under the dialog. The release (`click`, `keyup`) counts instead.
 */
const PRESS_STARTS = new Set(['pointerdown', 'mousedown', 'touchstart', 'keydown']);

/**
 * One Portero session as seen by one page. Create one per page (a second instance in the same
 * page would double the listeners and the pings).
 */
export class PorteroClient extends EventTarget {
  #options;
  #access = null;
  #accessExpiresAt = 0;
  #refreshToken = null; // body mode only: memory, never storage
  #claims = {};
  #refreshing = null;
  #state = 'anonymous';
  #status = null;
  #lastActivity = 0;
  #lastServerActivity = 0;
  #idleTimeoutMs = 0;
  #absoluteEnd = 0;
  #writeIntervalMs;
  #pingTimer = null;
  #tickTimer = null;
  #pollTimer = null;
  #lastCheck = 0;
  #warning = false;
  #lastBroadcastActivity = 0;
  #channel = null;
  #listening = false;
  #instanceId = Math.random().toString(36).slice(2);

  constructor(options = {}) {
    super();
    this.#options = { ...DEFAULTS, ...options };
    this.#options.baseUrl = this.#options.baseUrl.replace(/\/+$/, '');
    this.#writeIntervalMs = this.#options.activityWriteSeconds * 1000;
    this.#openChannel();
  }

  // ---- public state ------------------------------------------------------------------------

  /** `anonymous`, `active`, `warning` or `ended`. */
  get state() {
    return this.#state;
  }

  /** The last session-status answer (snake_case as the server sends it), or null. */
  get status() {
    return this.#status;
  }

  /** The current session's id, username and roles (from the access token), or null. */
  get session() {
    if (!this.#access) return null;
    return {
      sessionId: this.#claims.sid ?? null,
      username: this.#claims.upn ?? this.#claims.preferred_username ?? null,
      roles: this.#claims.groups ?? [],
    };
  }

  get language() {
    return pageLanguage(this.#options.lang);
  }

  /** Milliseconds until the session ends without further activity (local estimate), or null. */
  get millisecondsLeft() {
    const end = this.#endsAt();
    return end ? Math.max(0, end - Date.now()) : null;
  }

  // ---- login, resume, logout, refresh ------------------------------------------------------

  /**
   * Logs in. Resolves `{ok: true, sessionId}`; at the device limit `{ok: false, code,
   * message, sessions, endSessionAndLogin(id)}` where `sessions` are the live sessions (device,
   * IP, last activity) and `endSessionAndLogin` repeats the login ending the chosen one. Any
   * other refusal rejects with a {@link PorteroError} (`invalid_credentials`, `account_disabled`,
   * `too_many_attempts` with `retryAfter`, `service_busy`, ...).
   */
  async login(username, password, { endSession = null } = {}) {
    const body = { username, password };
    if (endSession) body.end_session = endSession;
    if (this.#options.refreshCookie) body.refresh_cookie = true;
    const response = await this.#raw('/api/token/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'include',
    });
    if (response.status === 409) {
      const problem = await readProblem(response);
      if (problem.code === 'session_limit_reached' || problem.code === 'end_session_invalid') {
        return {
          ok: false,
          code: problem.code,
          message: text(problem.code, this.#options.lang),
          sessions: problem.sessions ?? [],
          endSessionAndLogin: (id) => this.login(username, password, { endSession: id }),
        };
      }
    }
    if (!response.ok) throw await this.#error(response);
    const tokens = await response.json();
    this.#accept(tokens);
    await this.#started('login');
    return { ok: true, sessionId: tokens.session_id ?? this.#claims.sid };
  }

  /**
   * Picks up the session this browser already has (cookie mode: a reload, a new tab) by
   * refreshing with the cookie. Resolves true when a session is live. Refreshing is not activity.
   */
  async resume() {
    if (this.#access) return true;
    if (!this.#options.refreshCookie) return false;
    const ok = await this.refresh({ quiet: true });
    if (ok) await this.#started('resume');
    return ok;
  }

  /**
   * Rotates the refresh token and gets a new access token. One refresh at a time in this tab (one
   * promise) and across tabs (a Web Lock named after the API's origin). Resolves true on success;
   * on a refusal that ends the session it fires `session-ended` (unless `quiet` and there was no
   * session here) and resolves false.
   */
  refresh({ quiet = false } = {}) {
    if (!this.#refreshing) {
      const before = this.#access;
      this.#refreshing = this.#exclusive(async () => {
        // Another request of this tab may have refreshed while this one waited for the lock.
        if (this.#access && this.#access !== before && this.#accessExpiresAt - Date.now() > this.#marginMs()) {
          return true;
        }
        return this.#doRefresh(quiet);
      }).finally(() => {
        this.#refreshing = null;
      });
    }
    return this.#refreshing;
  }

  /**
   * Logs out here and in every other tab of this origin: the server ends the session (refresh
   * cookie or token, and the access token), and `session-ended` fires with the reason.
   */
  async logout({ reason = 'session_ended', origin = 'logout' } = {}) {
    const headers = { 'Content-Type': 'application/json' };
    if (this.#access) headers.Authorization = 'Bearer ' + this.#access;
    const body = this.#refreshToken ? { refresh: this.#refreshToken } : {};
    const sessionId = this.#claims.sid;
    try {
      await this.#raw('/api/logout/', {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        credentials: 'include',
      });
    } catch {
      // Offline: the session still ends here; the server expires it on its own.
    }
    this.#end(reason, origin, sessionId, true);
  }

  /**
   * Changes the password. On success every session of the user ends (unless keepCurrentSession),
   * every tab logs out, and `session-ended` fires with reason `password_changed` and the success
   * text. A refusal rejects with a {@link PorteroError} whose `violations` carry the server's
   * localized messages.
   */
  async changePassword(currentPassword, newPassword, { keepCurrentSession = false } = {}) {
    const result = await this.request('/api/change-password/', {
      method: 'POST',
      json: {
        current_password: currentPassword,
        new_password: newPassword,
        keep_current_session: keepCurrentSession,
      },
    });
    if (!keepCurrentSession) {
      const sessionId = this.#claims.sid;
      this.#end('password_changed', 'password', sessionId, true, text('password_changed_here', this.#options.lang));
    }
    return result;
  }

  /** "Stay signed in": counts as activity now and tells the server at once. */
  async stayActive() {
    this.#activity(true);
    await this.#ping(true);
  }

  // ---- authenticated requests --------------------------------------------------------------

  /**
   * `fetch` with the Bearer token. Extra init members: `passive: true` sends
   * `X-Portero-Activity: passive` (the request does not extend the session). A body must be
   * re-sendable (a string, FormData, Blob...) because a 401 for an expired token is retried once.
   * Resolves the Response, also for errors; a 401 that ends the session fires `session-ended`.
   */
  async fetch(path, init = {}) {
    const { passive = false, ...rest } = init;
    if (this.#state === 'ended' || (!this.#access && !this.#options.refreshCookie && !this.#refreshToken)) {
      return new Response(JSON.stringify({ code: 'not_authenticated', status: 401 }), {
        status: 401,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    }
    if (!this.#access || this.#accessExpiresAt - Date.now() < this.#marginMs()) {
      await this.refresh({ quiet: !this.#access });
    }
    let response = await this.#authorized(path, rest, passive);
    if (response.status === 401) {
      const problem = await readProblem(response.clone());
      if (RETRY_CODES.includes(problem.code) && this.#access !== null) {
        const sent = this.#access;
        if (await this.refresh()) {
          if (this.#access !== sent) response = await this.#authorized(path, rest, passive);
        }
      }
    }
    if (response.status === 401) {
      const problem = await readProblem(response.clone());
      if (SESSION_END_CODES.includes(problem.code)) {
        this.#end(problem.code, 'server', this.#claims.sid, true);
      }
    } else if (response.ok && !passive) {
      this.#serverActivity(Date.now(), true);
    }
    return response;
  }

  /**
   * A JSON call on top of {@link fetch}: `json` becomes the body, the answer is parsed; an error
   * answer rejects with a {@link PorteroError}. Resolves null for 204.
   */
  async request(path, { method = 'GET', json, passive = false, headers = {} } = {}) {
    const init = { method, passive, headers: { ...headers } };
    if (json !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(json);
    }
    const response = await this.fetch(path, init);
    if (!response.ok) throw await this.#error(response);
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    return type.includes('json') ? response.json() : response.text();
  }

  /** Asks the server now (passively) whether the session is live; resolves the status or null. */
  async checkStatus() {
    if (!this.#access && this.#state !== 'active' && this.#state !== 'warning') return null;
    let response;
    try {
      response = await this.fetch('/api/session-status/', { passive: true });
    } catch {
      return null; // offline: try again on `online`
    }
    if (!response.ok) return null;
    const status = await response.json();
    this.#applyStatus(status);
    return status;
  }

  /** Stops timers and listeners (a single-page app unmounting the client). */
  dispose() {
    this.#stopWatching();
    if (this.#channel && this.#channel.close) this.#channel.close();
    this.#channel = null;
  }

  // ---- internals: tokens --------------------------------------------------------------------

  #url(path) {
    return /^https?:/.test(path) ? path : this.#options.baseUrl + path;
  }

  #raw(path, init) {
    const headers = { 'Accept-Language': this.language, ...(init.headers || {}) };
    return fetch(this.#url(path), { ...init, headers });
  }

  #authorized(path, init, passive) {
    const headers = { ...(init.headers || {}) };
    if (this.#access) headers.Authorization = 'Bearer ' + this.#access;
    if (passive) headers['X-Portero-Activity'] = 'passive';
    return this.#raw(path, { ...init, headers, credentials: init.credentials ?? 'omit' });
  }

  #marginMs() {
    const lifetime = this.#claims.exp && this.#claims.iat ? (this.#claims.exp - this.#claims.iat) * 1000 : 300000;
    return Math.min(this.#options.refreshMarginSeconds * 1000, lifetime / 3);
  }

  #accept(tokens) {
    this.#access = tokens.access;
    this.#claims = claimsOf(tokens.access);
    this.#accessExpiresAt = Date.now() + (tokens.access_expires_in ?? 300) * 1000;
    if (tokens.refresh) {
      if (this.#options.refreshCookie) {
        // The server ignored refresh_cookie (an older Portero): keep the token in memory.
        this.#options.refreshCookie = false;
      }
      this.#refreshToken = tokens.refresh;
    }
  }

  async #doRefresh(quiet) {
    const body = this.#options.refreshCookie ? {} : { refresh: this.#refreshToken };
    if (!this.#options.refreshCookie && !this.#refreshToken) return false;
    let response;
    try {
      response = await this.#raw('/api/token/refresh/', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        credentials: 'include',
      });
    } catch {
      return false; // offline: the next request tries again
    }
    if (response.ok) {
      this.#accept(await response.json());
      return true;
    }
    const problem = await readProblem(response);
    const hadSession = this.#access !== null;
    this.#access = null;
    if (!quiet || hadSession) {
      if (response.status === 401) {
        const code = SESSION_END_CODES.includes(problem.code) ? problem.code : 'invalid_refresh_token';
        this.#end(code, 'server', this.#claims.sid, true);
      }
    }
    return false;
  }

  /** Runs `task` while holding the refresh lock of this API origin, across tabs. */
  async #exclusive(task) {
    const name = 'portero-refresh ' + (this.#options.baseUrl || location.origin);
    if (globalThis.navigator && navigator.locks && navigator.locks.request) {
      return navigator.locks.request(name, task);
    }
    return this.#leaseLock(name, task);
  }

  /**
   * Without Web Locks: a lease announced on the tab channel. A tab that heard another's lease
   * waits for its release (or its expiry, 10 s) plus a random pause, then announces its own.
   */
  async #leaseLock(name, task) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const held = this.#foreignLease;
      if (!held || held.until < Date.now()) break;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 150));
    }
    this.#post({ type: 'lease', until: Date.now() + 10000, owner: this.#instanceId });
    try {
      return await task();
    } finally {
      this.#post({ type: 'lease', until: 0, owner: this.#instanceId });
    }
  }

  #foreignLease = null;

  async #error(response) {
    const problem = await readProblem(response);
    const code = problem.code || (response.status >= 500 ? 'service_unavailable' : 'unexpected');
    const retryAfter = Number(response.headers.get('Retry-After')) || null;
    let message;
    if (TEXTS.es[code] && code !== 'unexpected') {
      message = text(code, this.#options.lang, { seconds: retryAfter ?? '' });
    } else {
      message = problem.detail || text('unexpected', this.#options.lang, { status: response.status });
    }
    return new PorteroError(code, response.status, message, problem, retryAfter);
  }

  // ---- internals: session life --------------------------------------------------------------

  async #started(how) {
    this.#state = 'active';
    this.#warning = false;
    this.#lastActivity = Date.now();
    this.#lastServerActivity = Date.now();
    this.#startWatching();
    this.dispatchEvent(new CustomEvent('login', { detail: { ...this.session, how } }));
    if (how === 'login') this.#post({ type: 'login', sessionId: this.#claims.sid });
    await this.checkStatus();
  }

  #end(reason, origin, sessionId, broadcast, message) {
    if (this.#state === 'ended' || this.#state === 'anonymous') {
      this.#access = null;
      return;
    }
    this.#access = null;
    this.#refreshToken = null;
    this.#status = null;
    this.#state = 'ended';
    this.#stopWatching();
    if (broadcast) this.#post({ type: 'ended', reason, origin, sessionId });
    const detail = { reason, origin, message: message ?? text(reason, this.#options.lang) };
    this.dispatchEvent(new CustomEvent('session-ended', { detail }));
    // Ready for the next login in this page.
    this.#state = 'anonymous';
  }

  #applyStatus(status) {
    this.#status = status;
    const offset = Date.now() - Date.parse(status.server_time);
    this.#idleTimeoutMs = (status.idle_timeout_seconds ?? 0) * 1000;
    this.#absoluteEnd = status.expires_at ? Date.parse(status.expires_at) + offset : 0;
    // The server's activity-write interval when it names it; else the option, but never more than a
    // quarter of the idle timeout, so that an active reader's pings always arrive in time.
    this.#writeIntervalMs = status.activity_write_interval_seconds
      ? status.activity_write_interval_seconds * 1000
      : Math.min(this.#options.activityWriteSeconds * 1000, this.#idleTimeoutMs / 4 || Infinity);
    const serverLast = Date.parse(status.last_activity_at) + offset;
    if (serverLast > this.#lastServerActivity + 2000 && serverLast > this.#lastActivity) {
      // Activity the server saw that no tab told this one about (a tab that was frozen, another
      // page of the app): the user was active then.
      this.#lastActivity = serverLast;
    }
    if (serverLast > this.#lastServerActivity) this.#lastServerActivity = serverLast;
    this.dispatchEvent(new CustomEvent('status', { detail: { status } }));
    this.#tick();
  }

  #endsAt() {
    if (!this.#idleTimeoutMs || this.#state === 'anonymous') return 0;
    const idleEnd = this.#lastActivity + this.#idleTimeoutMs;
    return this.#absoluteEnd ? Math.min(idleEnd, this.#absoluteEnd) : idleEnd;
  }

  /** The page's option, else the server's `warning_lead_seconds`, else 60 s; at most half the idle timeout. */
  #warningMs() {
    const seconds = this.#options.warningSeconds ?? this.#status?.warning_lead_seconds ?? 60;
    return Math.min(seconds * 1000, this.#idleTimeoutMs / 2);
  }

  /** Once a second while a session is live: warning, countdown and the end. */
  #tick() {
    if (this.#state !== 'active' && this.#state !== 'warning') return;
    const end = this.#endsAt();
    if (!end || !this.#options.watchInactivity) return;
    const left = end - Date.now();
    const byLifetime = this.#absoluteEnd && this.#absoluteEnd <= this.#lastActivity + this.#idleTimeoutMs;
    if (left <= 0) {
      this.#expireNow(byLifetime);
    } else if (left <= this.#warningMs()) {
      if (!this.#warning) {
        this.#warning = true;
        this.#state = 'warning';
      }
      const secondsLeft = Math.ceil(left / 1000);
      this.dispatchEvent(
        new CustomEvent('warning', {
          detail: {
            secondsLeft,
            endsAt: new Date(end),
            reason: byLifetime ? 'max_lifetime' : 'idle',
            message: text(byLifetime ? 'warning_lifetime' : 'warning', this.#options.lang, { seconds: secondsLeft }),
          },
        }),
      );
    } else if (this.#warning) {
      this.#warning = false;
      this.#state = 'active';
      this.dispatchEvent(new CustomEvent('warning-cleared', { detail: {} }));
    }
  }

  #expiring = false;

  /** The local clock says the session is over: ask the server once (another tab may have kept it alive), then log out. */
  async #expireNow(byLifetime) {
    if (this.#expiring) return;
    this.#expiring = true;
    try {
      const status = await this.checkStatus();
      if (this.#state === 'anonymous') return;
      if (status && this.#endsAt() - Date.now() > 1000) return; // kept alive elsewhere
      await this.logout({ reason: byLifetime ? 'session_max_lifetime' : 'session_expired', origin: 'idle' });
    } finally {
      this.#expiring = false;
    }
  }

  /** The page came back (visible, restored, focused, online): decide at once. */
  #check = () => {
    if (this.#state !== 'active' && this.#state !== 'warning') return;
    if (Date.now() - this.#lastCheck < 1000) return;
    this.#lastCheck = Date.now();
    const end = this.#endsAt();
    if (end && end <= Date.now() && this.#options.watchInactivity) {
      this.#expireNow(this.#absoluteEnd && this.#absoluteEnd <= end);
    } else {
      this.checkStatus();
    }
  };

  #onVisibility = () => {
    if (document.visibilityState === 'visible') this.#check();
  };

  #onInput = (event) => {
    if (this.#warning && PRESS_STARTS.has(event.type)) return;
    this.#activity(false);
  };

  /** User input here (or "stay signed in"): the idle clock starts again; tell the tabs and, when due, the server. */
  #activity(force) {
    if (this.#state !== 'active' && this.#state !== 'warning') return;
    const now = Date.now();
    if (!force && !this.#warning && now - this.#lastActivity < 250) return;
    this.#lastActivity = now;
    if (now - this.#lastBroadcastActivity > 1000) {
      this.#lastBroadcastActivity = now;
      this.#post({ type: 'activity', at: now, sessionId: this.#claims.sid });
    }
    this.#tick();
    this.#schedulePing();
  }

  /** Calls the activity route when the user was active since the server last heard of it, at most once per write interval. */
  #schedulePing() {
    if (this.#pingTimer) return;
    const due = this.#lastServerActivity + this.#writeIntervalMs - Date.now();
    this.#pingTimer = setTimeout(() => {
      this.#pingTimer = null;
      this.#ping(false);
    }, Math.max(0, due));
  }

  async #ping(force) {
    if (this.#state !== 'active' && this.#state !== 'warning') return;
    if (!force && this.#lastActivity <= this.#lastServerActivity) return;
    if (!force && Date.now() - this.#lastServerActivity < this.#writeIntervalMs) {
      this.#schedulePing();
      return;
    }
    try {
      await this.fetch('/api/session-activity/', { method: 'POST' });
    } catch {
      // offline: the status check on `online` settles it
    }
  }

  #serverActivity(at, broadcast) {
    if (at > this.#lastServerActivity) this.#lastServerActivity = at;
    if (broadcast) this.#post({ type: 'server-activity', at, sessionId: this.#claims.sid });
  }

  #poll() {
    this.checkStatus();
  }

  #startWatching() {
    clearInterval(this.#tickTimer);
    clearInterval(this.#pollTimer);
    this.#tickTimer = setInterval(() => this.#tick(), 1000);
    this.#pollTimer = setInterval(() => this.#poll(), this.#options.pollSeconds * 1000);
    if (this.#listening || !globalThis.window) return;
    this.#listening = true;
    for (const type of ACTIVITY_EVENTS) {
      window.addEventListener(type, this.#onInput, { capture: true, passive: true });
    }
    document.addEventListener('visibilitychange', this.#onVisibility);
    document.addEventListener('resume', this.#check);
    window.addEventListener('pageshow', this.#check);
    window.addEventListener('focus', this.#check);
    window.addEventListener('online', this.#check);
  }

  #stopWatching() {
    clearInterval(this.#tickTimer);
    clearInterval(this.#pollTimer);
    clearTimeout(this.#pingTimer);
    this.#tickTimer = this.#pollTimer = this.#pingTimer = null;
    this.#warning = false;
    if (!this.#listening) return;
    this.#listening = false;
    for (const type of ACTIVITY_EVENTS) {
      window.removeEventListener(type, this.#onInput, { capture: true });
    }
    document.removeEventListener('visibilitychange', this.#onVisibility);
    document.removeEventListener('resume', this.#check);
    window.removeEventListener('pageshow', this.#check);
    window.removeEventListener('focus', this.#check);
    window.removeEventListener('online', this.#check);
  }

  // ---- internals: other tabs ----------------------------------------------------------------

  #channelKey() {
    return this.#options.channelName + ' ' + (this.#options.baseUrl || (globalThis.location && location.origin));
  }

  #openChannel() {
    if (!globalThis.window) return;
    const key = this.#channelKey();
    if (globalThis.BroadcastChannel) {
      const channel = new BroadcastChannel(key);
      channel.onmessage = (event) => this.#receive(event.data);
      this.#channel = { post: (message) => channel.postMessage(message), close: () => channel.close() };
    } else if (globalThis.localStorage) {
      // Fallback: a `storage` event per message. Only the message is written (never a token),
      // and it is removed at once; other tabs still get the event.
      const storageKey = key + ' message';
      const onStorage = (event) => {
        if (event.key === storageKey && event.newValue) {
          try {
            this.#receive(JSON.parse(event.newValue));
          } catch {
            // not ours
          }
        }
      };
      window.addEventListener('storage', onStorage);
      this.#channel = {
        post: (message) => {
          try {
            localStorage.setItem(storageKey, JSON.stringify({ ...message, nonce: Math.random() }));
            localStorage.removeItem(storageKey);
          } catch {
            // storage disabled: tabs stay independent
          }
        },
        close: () => window.removeEventListener('storage', onStorage),
      };
    }
  }

  #post(message) {
    if (this.#channel) this.#channel.post({ ...message, from: this.#instanceId });
  }

  #receive(message) {
    if (!message || message.from === this.#instanceId) return;
    const mine = this.#claims.sid;
    const sameSession = !message.sessionId || !mine || message.sessionId === mine;
    switch (message.type) {
      case 'activity':
        if (sameSession && message.at > this.#lastActivity) {
          this.#lastActivity = message.at;
          this.#tick();
        }
        break;
      case 'server-activity':
        if (sameSession) this.#serverActivity(message.at, false);
        break;
      case 'ended':
        if (sameSession) {
          const changedHere = message.origin === 'password';
          this.#end(message.reason, 'tab', mine, false, changedHere ? text('password_changed_here', this.#options.lang) : undefined);
        }
        break;
      case 'login':
        if (this.#state === 'anonymous' && this.#options.refreshCookie) this.resume();
        break;
      case 'lease':
        this.#foreignLease = message.until ? { until: message.until, owner: message.from } : null;
        break;
      default:
    }
  }
}

async function readProblem(response) {
  try {
    const type = response.headers.get('Content-Type') || '';
    if (!type.includes('json')) return {};
    return (await response.json()) ?? {};
  } catch {
    return {};
  }
}
