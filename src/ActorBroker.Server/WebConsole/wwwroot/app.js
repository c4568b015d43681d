import { ApiError, session, signIn, whenSignedOut } from './api.js';
import { definitions, policies, users } from './admin.js';
import { connection, connections } from './connections.js';
import { exchange, exchanges } from './exchanges.js';
import { overview } from './overview.js';
import { queue, queues } from './queues.js';

/** Routes: #/name/segment… → a view given its container and the decoded segments; it may return a stop function. */
const routes = {
  overview: { title: 'Overview', list: overview },
  queues: { title: 'Queues', list: queues, item: queue },
  exchanges: { title: 'Exchanges', list: exchanges, item: exchange },
  connections: { title: 'Connections', list: connections, item: connection },
  users: { title: 'Users', list: users, administrators: true },
  policies: { title: 'Policies', list: policies },
  definitions: { title: 'Definitions', list: definitions, administrators: true },
};

const view = document.getElementById('view');
const main = document.getElementById('main');
let stopView = () => {};

function showLogin(message = '') {
  stopView();
  stopView = () => {};
  view.replaceChildren();
  document.getElementById('nav').hidden = true;
  document.getElementById('session').hidden = true;
  document.getElementById('login').hidden = false;
  document.getElementById('login-error').textContent = message;
  document.title = 'Log in — ActorBroker';
  document.querySelector('#login-form input[name=user]').focus();
}

function render() {
  const user = session.user;
  if (!user) {
    showLogin();
    return;
  }
  document.getElementById('login').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('session').hidden = false;
  document.getElementById('who').textContent = `${user.name} (${user.tags.join(', ')}${session.isAdministrator ? '' : ', read-only'})`;
  for (const link of document.querySelectorAll('[data-admin-only]')) {
    link.hidden = !session.isAdministrator;
  }

  const [name, ...rest] = window.location.hash.replace(/^#\/?/, '').split('/');
  const route = routes[name];
  if (!route || (route.administrators && !session.isAdministrator)) {
    window.location.replace('#/overview');
    return;
  }
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.getAttribute('href') === `#/${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }

  stopView();
  view.replaceChildren();
  const segments = rest.map(decodeURIComponent);
  const show = segments.length > 0 && route.item ? route.item : route.list;
  stopView = show(view, segments) ?? (() => {});
  document.title = `${segments.at(-1) ?? route.title} — ActorBroker`;
  main.focus({ preventScroll: true });
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const values = new FormData(event.target);
  const button = event.target.querySelector('button');
  button.disabled = true;
  try {
    await signIn(values.get('user'), values.get('password'));
    event.target.reset();
    if (!window.location.hash || window.location.hash === '#/') window.location.replace('#/overview');
    render();
  } catch (error) {
    const message = error instanceof ApiError && error.status === 401 ? 'Wrong user name or password.'
      : error instanceof ApiError ? error.message : `The node did not answer: ${error.message}`;
    document.getElementById('login-error').textContent = message;
  } finally {
    button.disabled = false;
  }
});

document.getElementById('logout').addEventListener('click', () => {
  session.forget();
  showLogin('Logged out.');
});

whenSignedOut(() => showLogin('The node no longer accepts these credentials; log in again.'));
window.addEventListener('hashchange', render);
render();
