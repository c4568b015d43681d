import { api, ApiError, exchangeSegment, queuePath, segment } from './api.js';
import {
  act, adminOnly, bytes, checkbox, confirmAction, count, describe, facts, field, form, h, json, jsonObject, poll, rate,
  section, select, table, yesNo,
} from './dom.js';

const pageSize = 50;

/** Columns of the queue list; those with a key sort on the server (the API's sort keys). */
const columns = [
  { label: 'Name', key: 'name' },
  { label: 'Virtual host' },
  { label: 'Features' },
  { label: 'Ready', key: 'messages_ready' },
  { label: 'Unacked', key: 'messages_unacknowledged' },
  { label: 'Total', key: 'messages' },
  { label: 'Consumers', key: 'consumers' },
  { label: 'Publish /s', key: 'publish_rate' },
  { label: 'Deliver /s', key: 'deliver_rate' },
];

export const queueLink = (vhost, name) => h('a', { href: `#/queues/${segment(vhost)}/${segment(name)}` }, name);

function features(queue) {
  return [queue.durable ? 'durable' : 'transient', queue.exclusive && 'exclusive', queue.auto_delete && 'auto-delete',
    queue.dead_letter_exchange !== undefined && 'dead-letter exchange'].filter(Boolean).join(', ');
}

export function queues(view) {
  const state = { filter: '', sort: 'name', reverse: false, page: 1 };
  const results = h('div', { 'aria-live': 'polite' });
  const filter = h('input', { type: 'search', name: 'filter', placeholder: 'part of a name', 'aria-describedby': 'filter-hint' });
  let filterTimer;
  filter.addEventListener('input', () => {
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => {
      state.filter = filter.value;
      state.page = 1;
      refresh();
    }, 250);
  });

  const header = (column) => {
    if (!column.key) return h('th', { scope: 'col' }, column.label);
    const sorted = state.sort === column.key;
    const button = h('button', { type: 'button', class: 'sort' }, column.label, sorted ? (state.reverse ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => {
      state.reverse = sorted ? !state.reverse : column.key !== 'name';
      state.sort = column.key;
      refresh();
    });
    return h('th', { scope: 'col', 'aria-sort': sorted ? (state.reverse ? 'descending' : 'ascending') : 'none' }, button);
  };

  async function refresh() {
    const query = new URLSearchParams({ page: state.page, page_size: pageSize, sort: state.sort, sort_reverse: state.reverse });
    if (state.filter) query.set('name', state.filter);
    try {
      const list = await api('GET', `/api/queues?${query}`);
      const pager = h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: list.page <= 1, onclick: () => { state.page -= 1; refresh(); } }, 'Previous'),
        h('span', {}, `Page ${list.page} of ${Math.max(1, list.page_count)} — ${count(list.filtered_count)} of ${count(list.total_count)} queues`),
        h('button', { type: 'button', class: 'secondary', disabled: list.page >= list.page_count, onclick: () => { state.page += 1; refresh(); } }, 'Next'));
      results.replaceChildren(
        table('Queues', columns.map(header), list.items.map((q) => [
          queueLink(q.vhost, q.name), q.vhost, features(q), count(q.messages_ready), count(q.messages_unacknowledged),
          count(q.messages), count(q.consumers), rate(q.publish_rate), rate(q.deliver_rate),
        ]), state.filter ? `No queue's name contains "${state.filter}".` : 'No queues yet.'),
        pager);
    } catch (error) {
      // Queues deleted meanwhile can leave the page shown beyond the last one, which the API refuses: start over.
      if (error instanceof ApiError && error.status === 400 && state.page > 1) {
        state.page = 1;
        await refresh();
        return;
      }
      results.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  view.append(
    h('h1', {}, 'Queues'),
    h('div', { class: 'toolbar' }, h('label', {}, h('span', {}, 'Filter by name '), filter),
      h('span', { id: 'filter-hint', class: 'hint' }, 'Click a column heading to sort.')),
    results,
    ...adminOnly(section('Add a queue', addQueueForm(refresh))));
  return poll(refresh);
}

function addQueueForm(done) {
  return form('Add a queue', [
    field('Virtual host', h('input', { name: 'vhost', value: '/', required: true })),
    field('Name', h('input', { name: 'name', required: true })),
    checkbox('Durable', 'durable', true),
    checkbox('Auto-delete', 'auto_delete'),
    field('Arguments (JSON)', h('textarea', { name: 'arguments', rows: 2, placeholder: '{"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "jobs.dlq"}' })),
  ], 'Add queue', async (values, button) => {
    await act(button, async () => {
      await api('PUT', queuePath(values.vhost, values.name), {
        durable: values.durable === 'on', auto_delete: values.auto_delete === 'on', arguments: jsonObject(values.arguments, 'Arguments'),
      });
      await done();
    }, `Queue ${values.name} added.`);
  });
}

export function queue(view, [vhost, name]) {
  const path = queuePath(vhost, name);
  const details = h('div', {}, h('p', {}, 'Loading…'));
  const bindings = h('div', {});
  const consumers = h('div', {});
  const messages = h('div', { class: 'messages', 'aria-live': 'polite' });
  const show = (title, list) => messages.replaceChildren(
    h('h3', {}, title),
    list.length === 0 ? h('p', { class: 'empty' }, 'No messages.') : h('ol', { class: 'message-list' }, list.map(message)));

  async function refresh() {
    try {
      const [q, b, c] = await Promise.all([api('GET', path), api('GET', `${path}/bindings`), api('GET', `/api/consumers/${segment(vhost)}`)]);
      details.replaceChildren(facts([
        ['Virtual host', q.vhost],
        ['Features', features(q)],
        ['Messages', `${count(q.messages)} (${count(q.messages_ready)} ready, ${count(q.messages_unacknowledged)} unacknowledged, ${bytes(q.message_bytes_ready)} ready)`],
        ['Consumers', count(q.consumers)],
        ['Node', q.node ?? ''],
        ['Rates', `publish ${rate(q.publish_rate)}/s, deliver ${rate(q.deliver_rate)}/s, ack ${rate(q.ack_rate)}/s`],
        ['Totals', `${count(q.published)} published, ${count(q.delivered)} delivered, ${count(q.redelivered)} redelivered, ${count(q.acked)} acked, ${count(q.dead_lettered)} dead-lettered`],
        ['Dead letters go to', q.dead_letter_exchange === undefined ? 'nowhere (no dead-letter exchange)'
          : `exchange "${q.dead_letter_exchange || '(AMQP default)'}"${q.dead_letter_routing_key ? `, routing key "${q.dead_letter_routing_key}"` : ''}`],
        ['Arguments', Object.keys(q.arguments).length ? json(q.arguments) : 'none'],
      ]));
      bindings.replaceChildren(table('Bindings of this queue', ['From exchange', 'Routing key', 'Arguments'],
        b.map((binding) => [binding.source || '(AMQP default)', binding.routing_key, JSON.stringify(binding.arguments)]), 'No bindings.'));
      consumers.replaceChildren(table('Consumers of this queue', ['Consumer tag', 'Connection', 'Channel', 'Acknowledges', 'Prefetch', 'Exclusive'],
        c.filter((consumer) => consumer.queue === name).map((consumer) => [
          consumer.consumer_tag, consumerConnection(consumer.connection), consumer.channel_number,
          yesNo(consumer.ack_required), consumer.prefetch, yesNo(consumer.exclusive),
        ]), 'No consumers.'));
    } catch (error) {
      details.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  }

  const peekForm = form('Peek messages', [field('Count', h('input', { name: 'count', type: 'number', min: 1, max: 1000, value: 10 }))],
    'Peek', async (values, button) => {
      const result = await act(button, () => api('GET', `${path}/peek?count=${Number(values.count)}`), (r) => `Peeked ${r.messages.length} message(s).`);
      if (result) show('Peeked (left in the queue)', result.messages);
    }, { class: 'inline' });

  const getForm = form('Get messages', [
    field('Count', h('input', { name: 'count', type: 'number', min: 1, max: 1000, value: 1 })),
    field('Then', select('ack_mode', ['requeue', 'ack'], 'requeue')),
  ], 'Get', async (values, button) => {
    const result = await act(button, () => api('POST', `${path}/get`, { count: Number(values.count), ack_mode: values.ack_mode }),
      (r) => `Got ${r.messages.length} message(s); ${count(r.messages_left)} left.`);
    if (result) {
      show(values.ack_mode === 'ack' ? 'Taken (removed from the queue)' : 'Taken and requeued', result.messages);
      refresh();
    }
  }, { class: 'inline' });

  const publishForm = form('Publish a message', [
    field('Payload', h('textarea', { name: 'payload', rows: 3 })),
    field('Content type', h('input', { name: 'content_type', placeholder: 'text/plain' })),
    field('Headers (JSON)', h('input', { name: 'headers', placeholder: '{"tenant": "acme"}' })),
    checkbox('Persistent', 'persistent', true),
  ], 'Publish', async (values, button) => {
    const properties = { delivery_mode: values.persistent === 'on' ? 2 : 1 };
    if (values.content_type) properties.content_type = values.content_type;
    await act(button, async () => {
      const headers = jsonObject(values.headers, 'Headers');
      if (Object.keys(headers).length) properties.headers = headers;
      const result = await api('POST', `/api/exchanges/${segment(vhost)}/${exchangeSegment('')}/publish`,
        { routing_key: name, payload: values.payload, payload_encoding: 'string', properties });
      refresh();
      return result;
    }, (r) => (r.routed ? `Published to ${name}.` : 'Published, but no queue took it.'));
  });

  const redriveForm = form('Redrive dead letters', [
    field('Count (empty: all)', h('input', { name: 'count', type: 'number', min: 1 })),
    field('To queue (empty: where each died)', h('input', { name: 'target_queue' })),
  ], 'Redrive', async (values, button) => {
    const body = {};
    if (values.count) body.count = Number(values.count);
    if (values.target_queue) body.target_queue = values.target_queue;
    await act(button, async () => {
      const result = await api('POST', `${path}/redrive`, body);
      refresh();
      return result;
    }, (r) => `Moved ${count(r.moved)} message(s).`);
  });

  const purge = h('button', { type: 'button', class: 'danger' }, 'Purge');
  purge.addEventListener('click', async () => {
    if (await confirmAction(`Remove every ready message from ${name}?`, 'Purge')) {
      await act(purge, async () => {
        const result = await api('DELETE', `${path}/contents`);
        refresh();
        return result;
      }, (r) => `Purged ${count(r.messages)} message(s).`);
    }
  });
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete queue');
  remove.addEventListener('click', async () => {
    if (await confirmAction(`Delete queue ${name} and its messages?`, 'Delete')) {
      const done = await act(remove, () => api('DELETE', path), `Queue ${name} deleted.`);
      if (done) window.location.hash = '#/queues';
    }
  });

  view.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/queues' }, 'Queues'), ' › virtual host ', vhost),
    h('h1', {}, `Queue ${name}`),
    section('Details', details),
    section('Bindings', bindings),
    section('Consumers', consumers),
    section('Messages', h('div', { class: 'row' }, peekForm, ...adminOnly(getForm)), messages),
    ...adminOnly(
      section('Publish a message', h('p', { class: 'hint' }, 'Through the default exchange, with this queue\'s name as routing key.'), publishForm),
      section('Redrive dead letters', h('p', { class: 'hint' }, 'Moves messages of this (dead-letter) queue back to the queue each died in, or to the queue you name.'), redriveForm),
      section('Danger zone', h('div', { class: 'buttons' }, purge, remove))));
  return poll(refresh);
}

// A consumer started inside the node rather than over AMQP has a made-up connection name with nothing to link to.
const consumerConnection = (connection) => (connection.includes(' -> ')
  ? h('a', { href: `#/connections/${segment(connection)}` }, connection) : connection);

function message(m) {
  const properties = Object.entries(m.properties ?? {}).map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  return h('li', { class: 'message' },
    h('pre', { class: 'payload' }, m.payload),
    facts([
      ['Routing key', m.routing_key],
      ['Exchange', m.exchange || '(AMQP default)'],
      ['Size', `${count(m.payload_bytes)} bytes${m.payload_encoding === 'base64' ? ' (binary, shown as base64)' : ''}`],
      ['Redelivered', `${yesNo(m.redelivered)}, delivered ${m.delivery_count} time(s)`],
      ...properties,
    ]));
}
