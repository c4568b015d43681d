using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ActorBroker.Broker.Metrics;

/// <summary>
/// The instruments of meter <see cref="MeterName"/>: per live queue (tags <c>vhost</c>, <c>queue</c>) the
/// gauges <c>actorbroker.queue.messages.ready</c>, <c>.messages.unacked</c>, <c>actorbroker.queue.consumers</c>
/// and the counters <c>actorbroker.queue.messages.published</c>, <c>.delivered</c>, <c>.redelivered</c>,
/// <c>.acked</c>, <c>.dead_lettered</c>. All are observable: a scrape reads what each queue actor last
/// published, so delivering a message costs no metric update beyond a few field writes. A queue's series
/// go away when its actor stops (deleted, or handed to another node). Per consumer group of a stream (tags
/// <c>vhost</c>, <c>stream</c>, <c>group</c>): <c>actorbroker.stream.consumer_group.committed_offset</c> and
/// <c>actorbroker.stream.consumer_group.lag</c> (messages the group has not acknowledged yet).
/// </summary>
public static class BrokerMetrics
{
    /// <summary>The meter's name, to enable in a MeterListener or an exporter.</summary>
    public const string MeterName = "ActorBroker.Broker";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly ConcurrentDictionary<QueueMetrics, byte> s_queues = new();
    private static readonly ConcurrentDictionary<ConsumerGroupMetrics, byte> s_groups = new();

    static BrokerMetrics()
    {
        Gauge("actorbroker.queue.messages.ready", "{message}", "Messages ready for delivery", q => q.Ready);
        Gauge("actorbroker.queue.messages.unacked", "{message}", "Messages delivered and not yet acknowledged", q => q.Unacked);
        Gauge("actorbroker.queue.consumers", "{consumer}", "Consumers subscribed to the queue", q => q.Consumers);
        Counter("actorbroker.queue.messages.published", "Messages the queue accepted", q => q.Published);
        Counter("actorbroker.queue.messages.delivered", "Deliveries to consumers and gets, redeliveries included", q => q.Delivered);
        Counter("actorbroker.queue.messages.redelivered", "Deliveries of messages delivered before", q => q.Redelivered);
        Counter("actorbroker.queue.messages.acked", "Deliveries acknowledged", q => q.Acked);
        Counter("actorbroker.queue.messages.dead_lettered", "Messages that left the queue as dead letters", q => q.DeadLettered);
        s_meter.CreateObservableGauge("actorbroker.stream.consumer_group.committed_offset", () => ObserveGroups(g => g.Committed), "{offset}", "Every offset below it is acknowledged by the group, durably");
        s_meter.CreateObservableGauge("actorbroker.stream.consumer_group.lag", () => ObserveGroups(g => g.Lag), "{message}", "Messages in the stream the group has not acknowledged yet");
    }

    /// <summary>Makes a consumer group's measurements visible; called when a stream's group first gets a member.</summary>
    internal static void Track(ConsumerGroupMetrics group) => s_groups.TryAdd(group, 0);

    /// <summary>Removes a group's series; called when its stream's actor stops.</summary>
    internal static void Untrack(ConsumerGroupMetrics group) => s_groups.TryRemove(group, out _);

    private static IEnumerable<Measurement<long>> ObserveGroups(Func<ConsumerGroupMetrics, long> read)
    {
        foreach (var group in s_groups.Keys)
        {
            yield return group.Measure(read(group));
        }
    }

    /// <summary>Makes a queue's measurements visible; called when its actor starts.</summary>
    internal static void Track(QueueMetrics queue) => s_queues.TryAdd(queue, 0);

    /// <summary>Removes a queue's series; called when its actor stops.</summary>
    internal static void Untrack(QueueMetrics queue) => s_queues.TryRemove(queue, out _);

    private static void Gauge(string name, string unit, string description, Func<QueueMetrics, long> read) =>
        s_meter.CreateObservableGauge(name, () => Observe(read), unit, description);

    private static void Counter(string name, string description, Func<QueueMetrics, long> read) =>
        s_meter.CreateObservableCounter(name, () => Observe(read), "{message}", description);

    private static IEnumerable<Measurement<long>> Observe(Func<QueueMetrics, long> read)
    {
        foreach (var queue in s_queues.Keys)
        {
            yield return queue.Measure(read(queue));
        }
    }
}
