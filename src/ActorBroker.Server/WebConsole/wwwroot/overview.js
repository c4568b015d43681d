import { api } from './api.js';
import { LineChart } from './chart.js';
import {
  bytes, count, describe, duration, facts, h, poll, rate, refreshMilliseconds, section,
} from './dom.js';

export function overview(view) {
  const rates = new LineChart('Message rates', [
    { key: 'publish', label: 'publish', colorClass: 'series-1' },
    { key: 'deliver', label: 'deliver', colorClass: 'series-2' },
    { key: 'ack', label: 'ack', colorClass: 'series-3' },
  ], { unit: '/s' });
  const queued = new LineChart('Queued messages', [
    { key: 'messagesReady', label: 'ready', colorClass: 'series-1' },
    { key: 'messagesUnacknowledged', label: 'unacknowledged', colorClass: 'series-2' },
  ], { format: (v) => count(Math.round(v)) });
  const summary = h('div', {}, h('p', {}, 'Loading…'));
  const node = h('div', {});
  view.append(
    h('h1', {}, 'Overview'),
    h('div', { class: 'charts' }, rates.element, queued.element),
    h('p', { class: 'hint' }, `Refreshed every ${refreshMilliseconds / 1000} s; the charts keep the last five minutes.`),
    section('Totals', summary),
    section('Node', node));

  return poll(async () => {
    try {
      const [o, nodes] = await Promise.all([api('GET', '/api/overview'), api('GET', '/api/nodes')]);
      rates.add(o.rates);
      queued.add({ messagesReady: o.totals.messages_ready, messagesUnacknowledged: o.totals.messages_unacknowledged });
      summary.replaceChildren(facts([
        ['Node', `${o.node} (ActorBroker ${o.version}), up ${duration(o.uptime_seconds)}`],
        ['Messages', `${count(o.totals.messages)} (${count(o.totals.messages_ready)} ready, ${count(o.totals.messages_unacknowledged)} unacknowledged)`],
        ['Rates', `publish ${rate(o.rates.publish)}/s, deliver ${rate(o.rates.deliver)}/s, ack ${rate(o.rates.ack)}/s`],
        ['Queues', count(o.counts.queues)],
        ['Exchanges', count(o.counts.exchanges)],
        ['Bindings', count(o.counts.bindings)],
        ['Consumers', count(o.counts.consumers)],
        ['Connections', count(o.counts.connections)],
        ['Channels', count(o.counts.channels)],
        ['Virtual hosts', count(o.counts.virtual_hosts)],
      ]));
      node.replaceChildren(...nodes.map((n) => facts(n.running ? [
        ['Name', n.name],
        ['Member', `${n.member_status} at ${n.akka_address}`],
        ['Ready', n.ready ? 'yes' : 'recovering'],
        ['Journal', n.journal],
        ['Memory', `${bytes(n.memory_used_bytes)} of ${bytes(n.memory_limit_bytes)}${n.memory_alarm ? ' — ALARM: publishers are blocked' : ''}`],
        ['Disk free', `${bytes(n.disk_free_bytes)} (limit ${bytes(n.disk_free_limit_bytes)})${n.disk_alarm ? ' — ALARM: publishers are blocked' : ''}`],
        ['Processors', n.processor_count],
      ] : [
        ['Name', n.name],
        ['Member', `${n.member_status} at ${n.akka_address}`],
        ['Running', 'no: the node did not answer'],
      ])));
    } catch (error) {
      summary.replaceChildren(h('p', { class: 'error', role: 'alert' }, describe(error)));
    }
  });
}
