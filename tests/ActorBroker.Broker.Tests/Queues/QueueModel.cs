using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Tests.Queues;

/// <summary>
/// A reference model that checks every event a <see cref="QueueState"/> raises against the delivery contract:
/// deliveries take the oldest ready message, acked messages never return, counts and flags are exact, and
/// every dead letter has the reason the command implies.
/// </summary>
internal sealed class QueueModel(int deliveryLimit)
{
    private readonly SortedSet<long> _ready = [];
    private readonly Dictionary<long, int> _deliveries = [];
    private readonly Dictionary<string, long> _lastFreshByConsumer = [];

    public Dictionary<ulong, (long Sequence, long Channel)> Outstanding { get; } = [];

    public HashSet<long> Acked { get; } = [];

    public HashSet<long> AutoAcked { get; } = [];

    public Dictionary<long, DeadLetterReason> Dead { get; } = [];

    public long Published { get; private set; }

    public void Observe(QueueState state, DeadLetterReason? expectedReason)
    {
        foreach (var e in state.PendingEvents)
        {
            Check(e, expectedReason);
        }

        state.ClearPendingEvents();
        Assert.Equal(_ready.Count, state.ReadyCount);
        Assert.Equal(Outstanding.Count, state.UnackedCount);
    }

    public void CheckNothingLost() =>
        Assert.Equal(Published, _ready.Count + Outstanding.Count + Acked.Count + AutoAcked.Count + Dead.Count);

    private void Check(QueueEvent e, DeadLetterReason? expectedReason)
    {
        switch (e)
        {
            case MessageEnqueued enqueued:
                Published++;
                _ready.Add(enqueued.Sequence);
                break;
            case MessageDelivered d:
                Assert.Equal(_ready.Min, d.Sequence);
                Assert.DoesNotContain(d.Sequence, Acked);
                var before = _deliveries.GetValueOrDefault(d.Sequence);
                Assert.Equal(before + 1, d.DeliveryCount);
                Assert.Equal(before > 0, d.Redelivered);
                _deliveries[d.Sequence] = before + 1;
                _ready.Remove(d.Sequence);
                CheckConsumerFifo(d);
                if (d.AutoAck)
                {
                    AutoAcked.Add(d.Sequence);
                }
                else
                {
                    Outstanding.Add(d.DeliveryTag, (d.Sequence, d.ChannelId));
                }

                break;
            case MessageAcked acked:
                Acked.Add(Take(acked.DeliveryTag));
                break;
            case MessagesAcked acked:
                foreach (var tag in Outstanding.Where(o => o.Value.Channel == acked.ChannelId && (acked.DeliveryTag == 0 || o.Key <= acked.DeliveryTag)).Select(o => o.Key).ToList())
                {
                    Acked.Add(Take(tag));
                }

                break;
            case MessageRequeued requeued:
                var sequence = Take(requeued.DeliveryTag);
                Assert.True(_deliveries[sequence] < deliveryLimit, "a message at its delivery limit must not be requeued");
                _ready.Add(sequence);
                break;
            case MessageDeadLettered dead:
                Assert.NotNull(dead.DeliveryTag);
                var seq = Take(dead.DeliveryTag!.Value);
                Assert.Equal(dead.Reason == DeadLetterReason.DeliveryLimit ? DeadLetterReason.DeliveryLimit : expectedReason, dead.Reason);
                if (dead.Reason == DeadLetterReason.DeliveryLimit)
                {
                    Assert.True(_deliveries[seq] >= deliveryLimit);
                }

                Dead.Add(seq, dead.Reason);
                break;
        }
    }

    private void CheckConsumerFifo(MessageDelivered d)
    {
        if (d.ConsumerTag is null || d.Redelivered)
        {
            return;
        }

        if (_lastFreshByConsumer.TryGetValue(d.ConsumerTag, out var last))
        {
            Assert.True(d.Sequence > last, $"consumer {d.ConsumerTag} saw {d.Sequence} after {last}");
        }

        _lastFreshByConsumer[d.ConsumerTag] = d.Sequence;
    }

    private long Take(ulong tag)
    {
        Assert.True(Outstanding.Remove(tag, out var entry), $"tag {tag} settled but not outstanding");
        return entry.Sequence;
    }
}
