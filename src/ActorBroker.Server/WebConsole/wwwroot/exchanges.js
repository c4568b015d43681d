import { api, exchangeSegment, segment } from './api.js';
import {
  act, actionsHeader, adminOnly, checkbox, confirmAction, describe, facts, field, form, h, json, jsonObject, poll, section, select, table, yesNo,
} from './dom.js';
import { queueLink } from './queues.js';

const displayName = (name) => name || '(AMQP default)';
const exchangeLink = (vhost, name) => h('a', { href: `#/exchanges/${segment(vhost)}/${exchangeSegment(name)}` }, displayName(name));

export function exchanges(view) {
  const results = h('div', {});
  const filter = h('input', { type: 'search', name: 'filter', placeholder: 'part of a name' });
  let all = [];
  const render = () => {
    const shown = all.filter((e) => e.name.includes(filter.value));
    results.replaceChildren(table('Exchanges', ['Name', 'Virtual host', 'Type', 'Durable', 'Auto-delete', 'Internal'],
      shown.map((e) => [exchangeLink(e.vhost, e.name), e.vhost, e.type, yesNo(e.durable), yesNo(e.auto_delete), yesNo(e.internal)]),
      'No exchange matches.'));
  };
  filter.addEventListener('input', render);

  async function refresh() {
    try {
      all = await api('GET', '/api/exchanges');
      render();
    } catch (error) {
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  view.append(
    h('h1', {}, 'Exchanges'),
    h('div', { class: 'toolbar' }, h('label', {}, h('span', {}, 'Filter by name '), filter)),
    results,
    ...adminOnly(section('Add an exchange', form('Add an exchange', [
      field('Virtual host', h('input', { name: 'vhost', value: '/', required: true })),
      field('Name', h('input', { name: 'name', required: true })),
      field('Type', select('type', ['direct', 'fanout', 'topic', 'headers'], 'direct')),
      checkbox('Durable', 'durable', true),
      checkbox('Auto-delete', 'auto_delete'),
      checkbox('Internal', 'internal'),
      field('Arguments (JSON)', h('textarea', { name: 'arguments', rows: 2 })),
    ], 'Add exchange', async (values, button) => {
      await act(button, async () => {
        await api('PUT', `/api/exchanges/${segment(values.vhost)}/${segment(values.name)}`, {
          type: values.type, durable: values.durable === 'on', auto_delete: values.auto_delete === 'on',
          internal: values.internal === 'on', arguments: jsonObject(values.arguments, 'Arguments'),
        });
        await refresh();
      }, `Exchange ${values.name} added.`);
    }))));
  return poll(refresh);
}

export function exchange(view, [vhost, pathName]) {
  const name = pathName === 'amq.default' ? '' : pathName;
  const base = `/api/exchanges/${segment(vhost)}/${exchangeSegment(name)}`;
  const details = h('div', {}, h('p', {}, 'Loading…'));
  const bindings = h('div', {});

  const unbind = (binding) => {
    const button = h('button', { type: 'button', class: 'danger small' }, 'Unbind');
    button.addEventListener('click', async () => {
      await act(button, async () => {
        await api('DELETE', `/api/bindings/${segment(vhost)}/e/${exchangeSegment(name)}/${binding.destination_type === 'queue' ? 'q' : 'e'}/${segment(binding.destination)}`,
          { routing_key: binding.routing_key, arguments: binding.arguments });
        await refresh();
      }, 'Binding removed.');
    });
    return button;
  };

  async function refresh() {
    try {
      const [e, all] = await Promise.all([api('GET', base), api('GET', `/api/bindings/${segment(vhost)}`)]);
      details.replaceChildren(facts([
        ['Virtual host', e.vhost],
        ['Type', e.type],
        ['Features', [e.durable ? 'durable' : 'transient', e.auto_delete && 'auto-delete', e.internal && 'internal'].filter(Boolean).join(', ')],
        ['Arguments', Object.keys(e.arguments).length ? json(e.arguments) : 'none'],
      ]));
      const outgoing = all.filter((b) => b.source === name);
      bindings.replaceChildren(table('Bindings from this exchange', ['To', 'Type', 'Routing key', 'Arguments', ...adminOnly(actionsHeader())],
        outgoing.map((b) => [
          b.destination_type === 'queue' ? queueLink(vhost, b.destination) : exchangeLink(vhost, b.destination),
          b.destination_type, b.routing_key, JSON.stringify(b.arguments), ...adminOnly(unbind(b)),
        ]), name === '' ? 'The default exchange routes to the queue named by the routing key; it has no explicit bindings.' : 'No bindings.'));
    } catch (error) {
      details.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  const bindForm = form('Add a binding', [
    field('Destination type', select('destination_type', ['queue', 'exchange'], 'queue')),
    field('Destination', h('input', { name: 'destination', required: true })),
    field('Routing key', h('input', { name: 'routing_key' })),
    field('Arguments (JSON)', h('input', { name: 'arguments' })),
  ], 'Bind', async (values, button) => {
    await act(button, async () => {
      await api('POST', `/api/bindings/${segment(vhost)}/e/${exchangeSegment(name)}/${values.destination_type === 'queue' ? 'q' : 'e'}/${segment(values.destination)}`,
        { routing_key: values.routing_key, arguments: jsonObject(values.arguments, 'Arguments') });
      await refresh();
    }, 'Binding added.');
  });

  const publishForm = form('Publish a message', [
    field('Routing key', h('input', { name: 'routing_key' })),
    field('Payload', h('textarea', { name: 'payload', rows: 3 })),
    checkbox('Persistent', 'persistent', true),
  ], 'Publish', async (values, button) => {
    await act(button, () => api('POST', `${base}/publish`, {
      routing_key: values.routing_key, payload: values.payload, payload_encoding: 'string',
      properties: { delivery_mode: values.persistent === 'on' ? 2 : 1 },
    }), (r) => (r.routed ? 'Published and routed.' : 'Published, but no queue took it.'));
  });

  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete exchange');
  remove.addEventListener('click', async () => {
    if (await confirmAction(`Delete exchange ${name} and its bindings?`, 'Delete')) {
      const done = await act(remove, () => api('DELETE', base), `Exchange ${name} deleted.`);
      if (done !== undefined) window.location.hash = '#/exchanges';
    }
  });

  view.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/exchanges' }, 'Exchanges'), ' › virtual host ', vhost),
    h('h1', {}, `Exchange ${displayName(name)}`),
    section('Details', details),
    section('Bindings', bindings, ...adminOnly(name === '' ? null : bindForm)),
    ...adminOnly(section('Publish a message', publishForm), name === '' ? null : section('Danger zone', remove)));
  return poll(refresh);
}
