// Building the page: every value from the API goes in as text (textContent, attributes), never as markup.
import { ApiError, session } from './api.js';

/** An element: h('a', { href: '#/x', class: 'link' }, 'text', child…). Attributes false or null are left out. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else if (value !== false && value !== null && value !== undefined) {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined && child !== false)
    .map((child) => (child instanceof Node ? child : String(child))));
  return element;
}

/** Only for administrators: monitoring users never see controls that the API would refuse them. */
export const adminOnly = (...elements) => (session.isAdministrator ? elements.filter((e) => e !== null && e !== undefined) : []);

/** The heading of a column of buttons: named for screen readers, blank on screen. */
export const actionsHeader = () => h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions'));

export function table(caption, columns, rows, emptyText = 'None.') {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, emptyText);
  }
  return h('div', { class: 'table-scroll' },
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => (column instanceof Node ? column : h('th', { scope: 'col' }, column))))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell)))))));
}

/** A definition list of label → value pairs. */
export const facts = (pairs) => h('dl', { class: 'facts' }, pairs.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));

export function section(title, ...content) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

let toastTimer;
function toast(message, kind = 'ok') {
  const element = document.getElementById('toast');
  element.textContent = message;
  element.dataset.kind = kind;
  element.classList.add('shown');
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => element.classList.remove('shown'), 5000);
}

export const describe = (error) => (error instanceof ApiError ? `${error.message} (${error.status})` : String(error.message ?? error));

/**
 * Runs a change the user asked for: the button is busy meanwhile, success and failure are announced.
 * Returns the action's result, or undefined when it failed.
 */
export async function act(button, action, success) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const result = await action();
    toast(typeof success === 'function' ? success(result) : success);
    return result;
  } catch (error) {
    toast(describe(error), 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Asks before a change that cannot be undone, in a modal dialog; true when confirmed. */
export function confirmAction(text, actionLabel) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-text').textContent = text;
  document.getElementById('confirm-ok').textContent = actionLabel;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
  });
}

/** A form whose submit runs handler(values, submitButton); the page does not navigate. */
export function form(label, fields, submitText, handler, attributes = {}) {
  const submit = h('button', { type: 'submit' }, submitText);
  const element = h('form', { 'aria-label': label, ...attributes }, fields, h('div', { class: 'buttons' }, submit));
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    handler(Object.fromEntries(new FormData(element)), submit, element);
  });
  return element;
}

export const field = (label, input) => h('label', {}, h('span', {}, label), input);

export function checkbox(label, name, checked = false) {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name, checked }), h('span', {}, label));
}

export function select(name, options, selected) {
  return h('select', { name }, options.map((option) => h('option', { value: option, selected: option === selected }, option)));
}

/** Parses a JSON object typed by the user, naming the field when it is not one. */
export function jsonObject(text, what) {
  if (!text || !text.trim()) {
    return {};
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${what} is not valid JSON.`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${what} must be a JSON object, like {"x-message-ttl": 60000}.`);
  }
  return value;
}

const integers = new Intl.NumberFormat('en');
const rates = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
export const count = (value) => integers.format(value);
export const rate = (value) => rates.format(value);

export function bytes(value) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let scaled = value;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${rates.format(scaled)} ${units[unit]}`;
}

export function duration(seconds) {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  return `${minutes} min ${Math.floor(seconds % 60)} s`;
}

export const yesNo = (value) => (value ? 'yes' : 'no');

export const json = (value) => h('pre', { class: 'json' }, JSON.stringify(value, null, 2));

export const refreshMilliseconds = 5000;

/**
 * Calls refresh now and every refreshMilliseconds while the tab is visible, never two at once; returns the stop
 * function a view hands back to the router.
 */
export function poll(refresh) {
  let running = false;
  const tick = async () => {
    if (running || document.hidden) return;
    running = true;
    try {
      await refresh();
    } finally {
      running = false;
    }
  };
  tick();
  const timer = setInterval(tick, refreshMilliseconds);
  return () => clearInterval(timer);
}
