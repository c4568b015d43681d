import { api, segment, session } from './api.js';
import {
  act, actionsHeader, adminOnly, checkbox, confirmAction, count, describe, field, form, h, json, jsonObject, section, select, table, yesNo,
} from './dom.js';

// The node's stored format (PasswordHash.Create): the same iterations, so a console-made hash costs an attacker as much.
const passwordIterations = 100000;

const base64 = (bytes) => btoa(String.fromCharCode(...bytes));

/**
 * A new password as PUT /api/users takes it: hashed here in the node's format where the browser offers WebCrypto
 * (https, or http on localhost), so the password itself never crosses the network; elsewhere in clear for the node
 * to hash, no worse than the Basic credentials every request of such a page already carries in clear.
 */
async function passwordFields(password) {
  if (!globalThis.crypto?.subtle) {
    return { password };
  }
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveBits']);
  const derived = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations: passwordIterations }, key, 256);
  return { password_hash: `pbkdf2-sha256:${passwordIterations}:${base64(salt)}:${base64(new Uint8Array(derived))}` };
}

function deleteButton(label, text, action, done) {
  const button = h('button', { type: 'button', class: 'danger small', 'aria-label': label }, 'Delete');
  button.addEventListener('click', async () => {
    if (await confirmAction(text, 'Delete')) {
      await act(button, async () => {
        await action();
        await done();
      }, 'Deleted.');
    }
  });
  return button;
}

export function users(view) {
  const list = h('div', {}, h('p', {}, 'Loading…'));
  let known = [];

  async function refresh() {
    try {
      known = await api('GET', '/api/users');
      list.replaceChildren(table('Users', ['Name', 'Tags', 'Loopback only', actionsHeader()], known.map((u) => [
        u.name, u.tags.join(', ') || '(none: AMQP only)', yesNo(u.loopback_only),
        u.name === session.user?.name ? '(you)' : deleteButton(`Delete user ${u.name}`, `Delete user ${u.name}?`,
          () => api('DELETE', `/api/users/${segment(u.name)}`), refresh),
      ])));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
    // A user's permissions go with it.
    await refreshPermissions();
  }

  const userForm = form('Add or update a user', [
    field('Name', h('input', { name: 'name', required: true, autocomplete: 'off' })),
    field('Password (empty: keep the current one)', h('input', { name: 'password', type: 'password', autocomplete: 'new-password' })),
    checkbox('administrator — may change everything', 'administrator'),
    checkbox('monitoring — may read the management API', 'monitoring'),
    checkbox('Loopback only — may connect from this machine only', 'loopback_only'),
  ], 'Save user', async (values, button, element) => {
    await act(button, async () => {
      const existing = known.find((u) => u.name === values.name);
      if (!values.password && !existing) {
        throw new Error('A new user needs a password.');
      }
      const tags = ['administrator', 'monitoring'].filter((tag) => values[tag] === 'on');
      await api('PUT', `/api/users/${segment(values.name)}`, {
        name: values.name,
        ...(values.password ? await passwordFields(values.password) : { password_hash: existing.password_hash }),
        tags,
        loopback_only: values.loopback_only === 'on',
      });
      element.reset();
      await refresh();
    }, `User ${values.name} saved.`);
  });

  const permissions = h('div', {}, h('p', {}, 'Loading…'));
  async function refreshPermissions() {
    try {
      const all = await api('GET', '/api/permissions');
      permissions.replaceChildren(table('Permissions', ['User', 'Virtual host', 'Configure', 'Write', 'Read', actionsHeader()],
        all.map((p) => [p.user, p.vhost, h('code', {}, p.configure), h('code', {}, p.write), h('code', {}, p.read),
          deleteButton(`Delete the permissions of ${p.user} in ${p.vhost}`, `Delete the permissions of ${p.user} in virtual host ${p.vhost}?`,
            () => api('DELETE', `/api/permissions/${segment(p.vhost)}/${segment(p.user)}`), refreshPermissions)]),
        'No user has permissions set: every user whose permissions were never set may do everything everywhere.'));
    } catch (error) {
      permissions.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  const permissionForm = form('Set permissions', [
    field('User', h('input', { name: 'user', required: true, autocomplete: 'off' })),
    field('Virtual host', h('input', { name: 'vhost', value: '/', required: true })),
    field('Configure (regular expression)', h('input', { name: 'configure', value: '.*' })),
    field('Write (regular expression)', h('input', { name: 'write', value: '.*' })),
    field('Read (regular expression)', h('input', { name: 'read', value: '.*' })),
  ], 'Set permissions', async (values, button) => {
    await act(button, async () => {
      await api('PUT', `/api/permissions/${segment(values.vhost)}/${segment(values.user)}`,
        { configure: values.configure, write: values.write, read: values.read });
      await refreshPermissions();
    }, `Permissions of ${values.user} in virtual host ${values.vhost} set.`);
  });

  view.append(
    h('h1', {}, 'Users'),
    list,
    section('Add or update a user', userForm),
    section('Permissions',
      h('p', { class: 'hint' }, 'Regular expressions over the names of the queues and exchanges a user may configure (declare, delete), write (publish, bind to) and read (consume, get, purge) in a virtual host; an empty one allows nothing. A user created here starts with none; a user whose permissions were never set (from the node config, or from before permissions) may do everything and is not listed.'),
      permissions,
      permissionForm));
  refresh();
}

export function policies(view) {
  const list = h('div', {}, h('p', {}, 'Loading…'));

  async function refresh() {
    try {
      const all = await api('GET', '/api/policies');
      list.replaceChildren(table('Policies', ['Virtual host', 'Name', 'Pattern', 'Applies to', 'Priority', 'Definition', ...adminOnly(actionsHeader())],
        all.map((p) => [p.vhost, p.name, h('code', {}, p.pattern), p.apply_to, p.priority, json(p.definition),
          ...adminOnly(deleteButton(`Delete policy ${p.name}`, `Delete policy ${p.name}? Running queues keep their arguments.`,
            () => api('DELETE', `/api/policies/${segment(p.vhost)}/${segment(p.name)}`), refresh))]),
        'No policies.'));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  view.append(
    h('h1', {}, 'Policies'),
    h('p', { class: 'hint' }, 'A policy gives queues whose name matches its pattern defaults for arguments they were not declared with. It applies to queues declared after it is set, and to all queues when the node restarts.'),
    list,
    ...adminOnly(section('Set a policy', form('Set a policy', [
      field('Virtual host', h('input', { name: 'vhost', value: '/', required: true })),
      field('Name', h('input', { name: 'name', required: true })),
      field('Pattern (regular expression)', h('input', { name: 'pattern', required: true, placeholder: '^jobs\\.' })),
      field('Applies to', select('apply_to', ['queues', 'exchanges', 'all'], 'queues')),
      field('Priority', h('input', { name: 'priority', type: 'number', value: 0 })),
      field('Definition (JSON)', h('textarea', { name: 'definition', rows: 3, required: true, placeholder: '{"max-length": 10000, "dead-letter-exchange": ""}' })),
    ], 'Set policy', async (values, button) => {
      await act(button, async () => {
        await api('PUT', `/api/policies/${segment(values.vhost)}/${segment(values.name)}`, {
          vhost: values.vhost, name: values.name, pattern: values.pattern, apply_to: values.apply_to,
          priority: Number(values.priority), definition: jsonObject(values.definition, 'Definition'),
        });
        await refresh();
      }, `Policy ${values.name} set.`);
    }))));
  refresh();
}

export function definitions(view) {
  const exportButton = h('button', { type: 'button' }, 'Export definitions');
  const download = h('p', { 'aria-live': 'polite' });
  exportButton.addEventListener('click', async () => {
    const exported = await act(exportButton, () => api('GET', '/api/definitions'), 'Definitions exported.');
    if (exported) {
      const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 2)], { type: 'application/json' }));
      const file = `actorbroker-definitions-${new Date().toISOString().slice(0, 19).replaceAll(':', '-')}.json`;
      download.replaceChildren(h('a', { href: url, download: file }, `Download ${file}`),
        ` — ${count(exported.queues.length)} queues, ${count(exported.exchanges.length)} exchanges, ${count(exported.bindings.length)} bindings, ${count(exported.policies.length)} policies, ${count(exported.users.length)} users`);
      download.querySelector('a').click();
    }
  });

  const result = h('div', { 'aria-live': 'polite' });
  const importForm = form('Import definitions', [
    field('Definitions file (JSON, as exported)', h('input', { name: 'file', type: 'file', accept: 'application/json,.json', required: true })),
  ], 'Import', async (values, button) => {
    const imported = await act(button, async () => {
      let parsed;
      try {
        parsed = JSON.parse(await values.file.text());
      } catch {
        throw new Error(`${values.file.name} is not JSON.`);
      }
      return api('POST', '/api/definitions', parsed);
    }, 'Definitions imported.');
    if (imported) {
      result.replaceChildren(h('p', {}, `Created ${imported.users} users, ${imported.vhosts} virtual hosts, ${imported.queues} queues, ${imported.exchanges} exchanges, ${imported.bindings} bindings and ${imported.policies} policies (what existed already is left as it was).`));
    }
  });

  view.append(
    h('h1', {}, 'Definitions'),
    h('p', { class: 'hint' }, 'Users, virtual hosts, durable queues and exchanges, bindings and policies as one JSON document: export one node\'s, import it into another. An import is checked whole before anything is applied.'),
    section('Export', h('div', { class: 'buttons' }, exportButton), download),
    section('Import', importForm, result));
}
