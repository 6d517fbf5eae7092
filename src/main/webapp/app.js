// Portero's reference UI: login, device limit, my sessions, change password, the inactivity
// warning and the administration page, all on /portero-client.js. No framework, no build step,
// no inline script (the page's Content-Security-Policy allows only scripts from this origin).
import { PorteroClient, PorteroError } from './portero-client.js';

const UI = {
  es: {
    skip: 'Saltar al contenido',
    'nav.label': 'Secciones',
    'nav.sessions': 'Mis sesiones',
    'nav.password': 'Cambiar contraseña',
    'nav.admin': 'Administración',
    logout: 'Cerrar sesión',
    show: 'Mostrar',
    hide: 'Ocultar',
    cancel: 'Cancelar',
    'login.title': 'Iniciar sesión',
    'login.username': 'Usuario',
    'login.password': 'Contraseña',
    'login.submit': 'Entrar',
    'login.required': 'Escriba el usuario y la contraseña.',
    'limit.title': 'Máximo de dispositivos conectados',
    'limit.explain': 'Ya tiene abiertas todas las sesiones permitidas. Cierre una para continuar en este dispositivo.',
    'limit.endAndContinue': 'Cerrar esta y continuar',
    'sessions.title': 'Mis sesiones',
    'sessions.logoutOthers': 'Cerrar las demás sesiones',
    'sessions.thisDevice': 'Este dispositivo',
    'sessions.newDevice': 'Dispositivo nuevo',
    'sessions.end': 'Cerrar esta sesión',
    'sessions.ended': 'Sesión cerrada.',
    'sessions.endedOthers': 'Sesiones cerradas: {n}.',
    'sessions.none': 'Nada que mostrar.',
    'field.device': 'Dispositivo',
    'field.ip': 'Dirección IP',
    'field.started': 'Inicio',
    'field.lastActivity': 'Última actividad',
    'field.ended': 'Fin',
    'field.user': 'Usuario',
    'field.email': 'Correo',
    'field.roles': 'Roles',
    'field.state': 'Estado',
    'password.title': 'Cambiar contraseña',
    'password.current': 'Contraseña actual',
    'password.new': 'Nueva contraseña',
    'password.confirm': 'Repita la nueva contraseña',
    'password.show': 'Mostrar las contraseñas',
    'password.rulesTitle': 'La nueva contraseña debe:',
    'password.rule.length': 'tener entre 8 y 128 caracteres;',
    'password.rule.username': 'no ser su nombre de usuario;',
    'password.rule.current': 'ser distinta de la actual;',
    'password.rule.chars': 'no estar formada solo por espacios ni contener caracteres de control.',
    'password.rule.effect': 'Al cambiarla se cierran todas sus sesiones, también esta.',
    'password.submit': 'Cambiar contraseña',
    'password.requiredCurrent': 'Escriba su contraseña actual.',
    'password.requiredNew': 'Escriba la nueva contraseña.',
    'password.tooShort': 'La nueva contraseña debe tener al menos 8 caracteres.',
    'password.tooLong': 'La nueva contraseña no puede tener más de 128 caracteres.',
    'password.mismatch': 'Las contraseñas nuevas no coinciden.',
    'password.same': 'La nueva contraseña debe ser distinta de la actual.',
    'password.fix': 'Revise los campos marcados.',
    'warning.title': '¿Sigue ahí?',
    'warning.stay': 'Seguir conectado',
    'admin.title': 'Administración',
    'admin.sessions': 'Sesiones',
    'admin.users': 'Usuarios',
    'admin.username': 'Usuario',
    'admin.state': 'Estado',
    'admin.live': 'Activas',
    'admin.ended': 'Terminadas',
    'admin.all': 'Todas',
    'admin.filter': 'Filtrar',
    'admin.search': 'Buscar (usuario o correo)',
    'admin.revoke': 'Revocar',
    'admin.revoked': 'Sesión revocada.',
    'admin.enable': 'Habilitar',
    'admin.disable': 'Deshabilitar',
    'admin.enabled': 'Habilitado',
    'admin.disabled': 'Deshabilitado',
    'admin.userChanged': 'Usuario {user}: {state}.',
    'admin.liveState': 'Activa',
    'admin.count': '{n} de {total}',
    logged_out: 'Ha cerrado la sesión.',
    lang: 'English',
    langTag: 'en',
  },
  en: {
    skip: 'Skip to content',
    'nav.label': 'Sections',
    'nav.sessions': 'My sessions',
    'nav.password': 'Change password',
    'nav.admin': 'Administration',
    logout: 'Log out',
    show: 'Show',
    hide: 'Hide',
    cancel: 'Cancel',
    'login.title': 'Log in',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.required': 'Enter the username and the password.',
    'limit.title': 'Maximum number of connected devices reached',
    'limit.explain': 'All the sessions you may hold are open. End one to continue on this device.',
    'limit.endAndContinue': 'End this one and continue',
    'sessions.title': 'My sessions',
    'sessions.logoutOthers': 'Log out the other sessions',
    'sessions.thisDevice': 'This device',
    'sessions.newDevice': 'New device',
    'sessions.end': 'End this session',
    'sessions.ended': 'Session ended.',
    'sessions.endedOthers': 'Sessions ended: {n}.',
    'sessions.none': 'Nothing to show.',
    'field.device': 'Device',
    'field.ip': 'IP address',
    'field.started': 'Started',
    'field.lastActivity': 'Last activity',
    'field.ended': 'Ended',
    'field.user': 'User',
    'field.email': 'Email',
    'field.roles': 'Roles',
    'field.state': 'State',
    'password.title': 'Change password',
    'password.current': 'Current password',
    'password.new': 'New password',
    'password.confirm': 'Repeat the new password',
    'password.show': 'Show the passwords',
    'password.rulesTitle': 'The new password must:',
    'password.rule.length': 'have 8 to 128 characters;',
    'password.rule.username': 'not be your username;',
    'password.rule.current': 'differ from the current one;',
    'password.rule.chars': 'not be only spaces nor contain control characters.',
    'password.rule.effect': 'Changing it ends all your sessions, this one too.',
    'password.submit': 'Change password',
    'password.requiredCurrent': 'Enter your current password.',
    'password.requiredNew': 'Enter the new password.',
    'password.tooShort': 'The new password must have at least 8 characters.',
    'password.tooLong': 'The new password cannot have more than 128 characters.',
    'password.mismatch': 'The new passwords do not match.',
    'password.same': 'The new password must differ from the current one.',
    'password.fix': 'Check the marked fields.',
    'warning.title': 'Are you still there?',
    'warning.stay': 'Stay signed in',
    'admin.title': 'Administration',
    'admin.sessions': 'Sessions',
    'admin.users': 'Users',
    'admin.username': 'User',
    'admin.state': 'State',
    'admin.live': 'Live',
    'admin.ended': 'Ended',
    'admin.all': 'All',
    'admin.filter': 'Filter',
    'admin.search': 'Search (username or email)',
    'admin.revoke': 'Revoke',
    'admin.revoked': 'Session revoked.',
    'admin.enable': 'Enable',
    'admin.disable': 'Disable',
    'admin.enabled': 'Enabled',
    'admin.disabled': 'Disabled',
    'admin.userChanged': 'User {user}: {state}.',
    'admin.liveState': 'Live',
    'admin.count': '{n} of {total}',
    logged_out: 'You have logged out.',
    lang: 'Español',
    langTag: 'es',
  },
};

const $ = (id) => document.getElementById(id);
const portero = new PorteroClient();
let limitResult = null;

// ---- language ---------------------------------------------------------------------------------

function lang() {
  return document.documentElement.lang.startsWith('en') ? 'en' : 'es';
}

function t(key, values = {}) {
  const template = UI[lang()][key] ?? UI.es[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

function applyLanguage(tag) {
  document.documentElement.lang = tag;
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-aria-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nAriaLabel));
  }
  for (const button of document.querySelectorAll('[data-reveal]')) {
    button.textContent = t(button.getAttribute('aria-pressed') === 'true' ? 'hide' : 'show');
  }
  $('lang').textContent = t('lang');
  $('lang').lang = t('langTag');
  try {
    localStorage.setItem('portero.lang', tag); // a preference, nothing secret
  } catch {
    // storage disabled
  }
  if (!$('view-sessions').hidden) showSessions();
  if (!$('view-admin').hidden) showAdmin();
}

function formatTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang() === 'en' ? 'en-GB' : 'es-ES', {
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(iso));
}

// ---- views ------------------------------------------------------------------------------------

const VIEWS = ['login', 'limit', 'sessions', 'password', 'admin'];

function show(name, { focus = true } = {}) {
  for (const view of VIEWS) $('view-' + view).hidden = view !== name;
  const loggedIn = portero.session !== null;
  $('nav').hidden = !loggedIn;
  $('logout').hidden = !loggedIn;
  $('who').textContent = loggedIn ? portero.session.username : '';
  $('nav-admin').hidden = !(loggedIn && portero.session.roles.includes('admin'));
  for (const link of $('nav').querySelectorAll('a')) {
    if (link.getAttribute('href') === '#/' + name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (focus) $('view-' + name).querySelector('h1').focus();
}

function notice(message, kind = 'info') {
  const element = $('notice');
  element.textContent = message || '';
  element.hidden = !message;
  element.className = 'notice ' + kind;
}

function route() {
  if (portero.session === null) {
    show('login');
    return;
  }
  const name = location.hash.replace(/^#\//, '') || 'sessions';
  if (name === 'password') {
    $('password-form').reset();
    clearPasswordErrors();
    show('password');
  } else if (name === 'admin' && portero.session.roles.includes('admin')) {
    show('admin');
    showAdmin();
  } else {
    show('sessions');
    showSessions();
  }
}

function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
}

function field(list, label, value) {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value ?? '—';
  list.append(dt, dd);
}

function card(title, fields, badges = []) {
  const item = document.createElement('li');
  item.className = 'card';
  const heading = document.createElement('h3');
  heading.textContent = title || '—';
  for (const badge of badges) {
    const mark = document.createElement('span');
    mark.className = 'badge ' + badge.kind;
    mark.textContent = badge.text;
    heading.append(' ', mark);
  }
  const list = document.createElement('dl');
  for (const [label, value] of fields) field(list, label, value);
  item.append(heading, list);
  return item;
}

function button(label, onClick, kind = '') {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  if (kind) element.className = kind;
  element.addEventListener('click', onClick);
  return element;
}

// ---- login and the device limit --------------------------------------------------------------

async function submitLogin(event) {
  event.preventDefault();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  $('login-error').textContent = '';
  if (!username || !password) {
    $('login-error').textContent = t('login.required');
    (username ? $('login-password') : $('login-username')).focus();
    return;
  }
  $('login-submit').disabled = true;
  try {
    await afterLogin(await portero.login(username, password));
  } catch (error) {
    $('login-error').textContent = messageOf(error);
    $('login-password').focus();
  } finally {
    $('login-submit').disabled = false;
  }
}

async function afterLogin(result) {
  if (result.ok) {
    limitResult = null;
    $('login-form').reset();
    notice('');
    if (!location.hash || location.hash === '#/') location.hash = '#/sessions';
    route();
    return;
  }
  limitResult = result;
  showLimit(result);
}

function showLimit(result) {
  const list = $('limit-list');
  clear(list);
  $('limit-error').textContent = result.code === 'end_session_invalid' ? result.message : '';
  for (const session of result.sessions) {
    const item = card(session.device_label, [
      [t('field.ip'), session.ip_address],
      [t('field.lastActivity'), formatTime(session.last_activity_at)],
      [t('field.started'), formatTime(session.started_at)],
    ]);
    item.append(
      button(
        t('limit.endAndContinue'),
        async (event) => {
          event.target.disabled = true;
          try {
            await afterLogin(await limitResult.endSessionAndLogin(session.id));
          } catch (error) {
            $('limit-error').textContent = messageOf(error);
          } finally {
            event.target.disabled = false;
          }
        },
        'primary',
      ),
    );
    list.append(item);
  }
  notice('');
  show('limit');
}

function messageOf(error) {
  if (error instanceof PorteroError) return error.message;
  return portero.language === 'en'
    ? 'The server could not be reached. Check the connection.'
    : 'No se pudo contactar con el servidor. Compruebe la conexión.';
}

// ---- my sessions ------------------------------------------------------------------------------

async function showSessions() {
  let sessions;
  try {
    sessions = await portero.request('/api/sessions/');
  } catch (error) {
    $('sessions-message').textContent = messageOf(error);
    return;
  }
  const list = $('sessions-list');
  clear(list);
  for (const session of sessions) {
    const badges = [];
    if (session.current) badges.push({ kind: 'current', text: t('sessions.thisDevice') });
    if (session.new_device) badges.push({ kind: 'new', text: t('sessions.newDevice') });
    const item = card(
      session.device_label,
      [
        [t('field.ip'), session.ip_address],
        [t('field.lastActivity'), formatTime(session.last_activity_at)],
        [t('field.started'), formatTime(session.started_at)],
      ],
      badges,
    );
    if (session.current) item.classList.add('current');
    else {
      item.append(
        button(t('sessions.end'), async () => {
          try {
            await portero.request('/api/sessions/' + encodeURIComponent(session.id), { method: 'DELETE' });
            $('sessions-message').textContent = t('sessions.ended');
          } catch (error) {
            $('sessions-message').textContent = messageOf(error);
          }
          showSessions();
        }),
      );
    }
    list.append(item);
  }
  $('logout-others').hidden = sessions.filter((s) => !s.current).length === 0;
}

async function logoutOthers() {
  try {
    const result = await portero.request('/api/sessions/logout-others/', { method: 'POST' });
    $('sessions-message').textContent = t('sessions.endedOthers', { n: result.sessions_ended });
  } catch (error) {
    $('sessions-message').textContent = messageOf(error);
  }
  showSessions();
}

// ---- change password --------------------------------------------------------------------------

const PASSWORD_FIELDS = { current_password: 'current-password', new_password: 'new-password' };

function clearPasswordErrors() {
  for (const id of ['current-password', 'new-password', 'confirm-password']) {
    $(id).removeAttribute('aria-invalid');
    $(id + '-error').textContent = '';
  }
  $('password-error').textContent = '';
}

function fieldError(id, message) {
  $(id).setAttribute('aria-invalid', 'true');
  const element = $(id + '-error');
  element.textContent = element.textContent ? element.textContent + ' ' + message : message;
}

async function submitPassword(event) {
  event.preventDefault();
  clearPasswordErrors();
  const current = $('current-password').value;
  const next = $('new-password').value;
  const confirm = $('confirm-password').value;
  if (!current) fieldError('current-password', t('password.requiredCurrent'));
  if (!next) fieldError('new-password', t('password.requiredNew'));
  else if ([...next].length < 8) fieldError('new-password', t('password.tooShort'));
  else if ([...next].length > 128) fieldError('new-password', t('password.tooLong'));
  else if (next === current) fieldError('new-password', t('password.same'));
  if (next && confirm !== next) fieldError('confirm-password', t('password.mismatch'));
  if (document.querySelector('#password-form [aria-invalid="true"]')) {
    $('password-error').textContent = t('password.fix');
    document.querySelector('#password-form [aria-invalid="true"]').focus();
    return;
  }
  $('password-submit').disabled = true;
  try {
    await portero.changePassword(current, next);
    // session-ended (origin "password") shows the login with the success text, in every tab.
  } catch (error) {
    if (error instanceof PorteroError && error.code === 'invalid_current_password') {
      fieldError('current-password', error.message);
    } else if (error instanceof PorteroError && error.violations.length) {
      for (const violation of error.violations) {
        fieldError(PASSWORD_FIELDS[violation.field] ?? 'new-password', violation.message);
      }
    }
    $('password-error').textContent = messageOf(error);
    const invalid = document.querySelector('#password-form [aria-invalid="true"]');
    if (invalid) invalid.focus();
  } finally {
    $('password-submit').disabled = false;
  }
}

function togglePasswords() {
  const type = $('show-passwords').checked ? 'text' : 'password';
  for (const id of ['current-password', 'new-password', 'confirm-password']) $(id).type = type;
}

function reveal(event) {
  const target = $(event.currentTarget.dataset.reveal);
  const visible = target.type === 'password';
  target.type = visible ? 'text' : 'password';
  event.currentTarget.setAttribute('aria-pressed', String(visible));
  event.currentTarget.textContent = t(visible ? 'hide' : 'show');
}

// ---- administration ---------------------------------------------------------------------------

function showAdmin() {
  loadAdminSessions();
  loadAdminUsers();
}

async function loadAdminSessions() {
  const params = new URLSearchParams({ size: '50', sort: 'started_at,desc' });
  const username = $('filter-username').value.trim();
  if (username) params.set('username', username);
  if ($('filter-active').value) params.set('active', $('filter-active').value);
  const list = $('admin-sessions-list');
  let page;
  try {
    page = await portero.request('/api/admin/sessions?' + params);
  } catch (error) {
    $('admin-sessions-message').textContent = messageOf(error);
    return;
  }
  clear(list);
  for (const session of page.items) {
    const item = card(session.username, [
      [t('field.device'), session.device_label],
      [t('field.ip'), session.ip_address],
      [t('field.started'), formatTime(session.started_at)],
      [t('field.lastActivity'), formatTime(session.last_activity_at)],
      [t('field.state'), session.live ? t('admin.liveState') : session.end_reason ?? '—'],
    ]);
    item.dataset.sessionId = session.id;
    if (session.live) {
      item.append(
        button(
          t('admin.revoke'),
          async () => {
            try {
              await portero.request('/api/admin/sessions/' + encodeURIComponent(session.id), { method: 'DELETE' });
              $('admin-sessions-message').textContent = t('admin.revoked');
            } catch (error) {
              $('admin-sessions-message').textContent = messageOf(error);
            }
            loadAdminSessions();
          },
          'danger',
        ),
      );
    }
    list.append(item);
  }
  if (!page.items.length) list.append(emptyItem());
}

function emptyItem() {
  const item = document.createElement('li');
  item.className = 'empty';
  item.textContent = t('sessions.none');
  return item;
}

async function loadAdminUsers() {
  const params = new URLSearchParams({ size: '50' });
  const q = $('filter-q').value.trim();
  if (q) params.set('q', q);
  const list = $('admin-users-list');
  let page;
  try {
    page = await portero.request('/api/admin/users?' + params);
  } catch (error) {
    $('admin-users-message').textContent = messageOf(error);
    return;
  }
  clear(list);
  for (const user of page.items) {
    const item = card(user.username, [
      [t('field.email'), user.email],
      [t('field.roles'), user.roles.join(', ')],
      [t('field.state'), user.enabled ? t('admin.enabled') : t('admin.disabled')],
    ]);
    item.dataset.username = user.username;
    item.append(
      button(user.enabled ? t('admin.disable') : t('admin.enable'), async () => {
        try {
          const changed = await portero.request('/api/admin/users/' + encodeURIComponent(user.username), {
            method: 'PATCH',
            json: { enabled: !user.enabled },
          });
          $('admin-users-message').textContent = t('admin.userChanged', {
            user: changed.username,
            state: changed.enabled ? t('admin.enabled') : t('admin.disabled'),
          });
        } catch (error) {
          $('admin-users-message').textContent = messageOf(error);
        }
        loadAdminUsers();
      }),
    );
    list.append(item);
  }
  if (!page.items.length) list.append(emptyItem());
}

// ---- the inactivity warning -------------------------------------------------------------------

function onWarning(event) {
  const dialog = $('warning');
  $('warning-text').textContent = event.detail.message;
  if (!dialog.open) {
    dialog.showModal();
    $('warning-live').textContent = event.detail.message;
    $('stay').focus();
  } else if (event.detail.secondsLeft === 10) {
    $('warning-live').textContent = event.detail.message;
  }
}

function closeWarning() {
  const dialog = $('warning');
  if (dialog.open) dialog.close();
  $('warning-live').textContent = '';
}

// ---- wiring -----------------------------------------------------------------------------------

portero.addEventListener('warning', onWarning);
portero.addEventListener('warning-cleared', closeWarning);
portero.addEventListener('login', (event) => {
  if (event.detail.how !== 'resume' || ($('view-login').hidden && $('view-limit').hidden)) return;
  // Another tab logged in (cookie mode): follow it.
  notice('');
  route();
});
portero.addEventListener('session-ended', (event) => {
  closeWarning();
  const { origin, message, reason } = event.detail;
  const text = origin === 'logout' ? t('logged_out') : message;
  const success = reason === 'password_changed' && (origin === 'password' || origin === 'tab');
  notice(text, success ? 'success' : 'info');
  $('login-form').reset();
  show('login');
});

$('login-form').addEventListener('submit', submitLogin);
$('limit-cancel').addEventListener('click', () => {
  limitResult = null;
  show('login');
});
$('logout-others').addEventListener('click', logoutOthers);
$('password-form').addEventListener('submit', submitPassword);
$('show-passwords').addEventListener('change', togglePasswords);
for (const element of document.querySelectorAll('[data-reveal]')) element.addEventListener('click', reveal);
$('admin-sessions-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadAdminSessions();
});
$('admin-users-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadAdminUsers();
});
$('stay').addEventListener('click', () => {
  portero.stayActive();
  closeWarning();
});
$('warning').addEventListener('cancel', (event) => {
  // Escape means "I am here" too.
  event.preventDefault();
  portero.stayActive();
  closeWarning();
});
$('logout').addEventListener('click', () => portero.logout());
$('lang').addEventListener('click', () => applyLanguage(lang() === 'en' ? 'es' : 'en'));
window.addEventListener('hashchange', route);

let stored = null;
try {
  stored = localStorage.getItem('portero.lang');
} catch {
  // storage disabled
}
const requested = new URLSearchParams(location.search).get('lang');
applyLanguage(requested || stored || 'es');
if (await portero.resume()) route();
else show('login', { focus: false });
document.body.dataset.ready = 'true';
