import { api, segment } from './api.js';
import { act, actionsHeader, adminOnly, confirmAction, count, describe, facts, h, json, poll, section, table, yesNo } from './dom.js';

const connectionLink = (name) => h('a', { href: `#/connections/${segment(name)}` }, name);

function closeButton(name, done) {
  const button = h('button', { type: 'button', class: 'danger small', 'aria-label': `Close connection ${name}` }, 'Close');
  button.addEventListener('click', async () => {
    if (await confirmAction(`Close connection ${name}? The client gets 320 CONNECTION_FORCED.`, 'Close connection')) {
      await act(button, async () => {
        await api('DELETE', `/api/connections/${segment(name)}`);
        await done();
      }, `Connection ${name} closed.`);
    }
  });
  return button;
}

const channelRows = (channels) => channels.map((c) => [
  c.connection, c.number, c.vhost, c.user, count(c.consumers), count(c.messages_unacknowledged), c.prefetch, yesNo(c.confirm_mode), yesNo(c.transactional),
]);
const channelColumns = ['Connection', 'Channel', 'Virtual host', 'User', 'Consumers', 'Unacked', 'Prefetch', 'Confirms', 'Transactional'];

export function connections(view) {
  const list = h('div', {}, h('p', {}, 'Loading…'));
  const channels = h('div', {});

  async function refresh() {
    try {
      const [all, open] = await Promise.all([api('GET', '/api/connections'), api('GET', '/api/channels')]);
      list.replaceChildren(table('Connections', ['Name', 'Client', 'User', 'Virtual host', 'Channels', 'Connected', 'State', ...adminOnly(actionsHeader())],
        all.map((c) => [
          connectionLink(c.name), c.client_provided_name ?? '', c.user, c.vhost, count(c.channels),
          new Date(c.connected_at).toLocaleString(), c.state, ...adminOnly(closeButton(c.name, refresh)),
        ]), 'No client is connected.'));
      channels.replaceChildren(table('Channels', channelColumns, channelRows(open), 'No channels are open.'));
    } catch (error) {
      list.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  view.append(h('h1', {}, 'Connections'), list, section('Channels', channels));
  return poll(refresh);
}

export function connection(view, [name]) {
  const details = h('div', {}, h('p', {}, 'Loading…'));
  const channels = h('div', {});
  const path = `/api/connections/${segment(name)}`;

  async function refresh() {
    try {
      const [c, open] = await Promise.all([api('GET', path), api('GET', `${path}/channels`)]);
      details.replaceChildren(facts([
        ['Client', c.client_provided_name ?? '(unnamed)'],
        ['From', c.client_address],
        ['Node', c.node ?? ''],
        ['User', c.user],
        ['Virtual host', c.vhost],
        ['Connected', new Date(c.connected_at).toLocaleString()],
        ['State', c.state],
        ['Client properties', json(c.client_properties)],
      ]), ...adminOnly(h('div', { class: 'buttons' }, closeButton(c.name, async () => { window.location.hash = '#/connections'; }))));
      channels.replaceChildren(table('Channels of this connection', channelColumns, channelRows(open), 'No channels are open.'));
    } catch (error) {
      details.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  view.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/connections' }, 'Connections')),
    h('h1', {}, `Connection ${name}`),
    section('Details', details),
    section('Channels', channels));
  return poll(refresh);
}
