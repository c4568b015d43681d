// The management API as the console calls it: Basic credentials kept for this tab only (sessionStorage), so
// closing the tab logs out and the credentials never reach a cookie that other requests would carry.
const credentialsKey = 'actorbroker.credentials';
const userKey = 'actorbroker.user';

export class ApiError extends Error {
  constructor(status, error, reason) {
    super(reason);
    this.status = status;
    this.error = error;
  }
}

export const session = {
  get user() {
    const saved = sessionStorage.getItem(userKey);
    return saved ? JSON.parse(saved) : null;
  },
  get isAdministrator() {
    return this.user?.tags.includes('administrator') ?? false;
  },
  forget() {
    sessionStorage.removeItem(credentialsKey);
    sessionStorage.removeItem(userKey);
  },
};

let onSignedOut = () => {};

/** Called when the API stops accepting the saved credentials (a user deleted or its password changed). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return btoa(String.fromCharCode(...bytes));
}

async function send(method, path, body, credentials) {
  const headers = { Accept: 'application/json', Authorization: `Basic ${credentials}` };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  // credentials: 'omit' keeps the browser's own Basic-auth prompt away when the API answers 401: the console
  // shows its login form instead.
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data?.error ?? 'error', data?.reason ?? response.statusText);
  }
  return data;
}

/** Checks the credentials against the API and keeps them for this tab. */
export async function signIn(user, password) {
  const credentials = basic(user, password);
  const whoami = await send('GET', '/api/whoami', undefined, credentials);
  sessionStorage.setItem(credentialsKey, credentials);
  sessionStorage.setItem(userKey, JSON.stringify(whoami));
  return whoami;
}

export async function api(method, path, body) {
  try {
    return await send(method, path, body, sessionStorage.getItem(credentialsKey) ?? '');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      session.forget();
      onSignedOut();
    }
    throw e;
  }
}

/** A name as one path segment: the default virtual host "/" becomes %2F, as the API expects. */
export const segment = (name) => encodeURIComponent(name);

/** The default exchange's name in the API's paths. */
export const exchangeSegment = (name) => (name === '' ? 'amq.default' : segment(name));

export const queuePath = (vhost, name) => `/api/queues/${segment(vhost)}/${segment(name)}`;
