using ActorBroker.Broker.Client;
using ActorBroker.Broker.Collections;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.VirtualHosts;
using ActorBroker.Client.Actors;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// The broker side of one channel: numbers deliveries with channel-wide tags (a channel may consume from
/// many queues, each with its own tags), dispatches them to consumers, and translates acks back to the
/// queues. Queues watch this actor: when it stops, its unacked deliveries go back to their queues.
/// </summary>
internal sealed partial class ChannelActor(BrokerChannel channel, BrokerOptions options) : ActorBase, IWithTimers
{
    private readonly Dictionary<string, ChannelConsumer> _consumers = new(StringComparer.Ordinal);
    private readonly Deque<TagEntry> _tags = new(1024);
    private readonly List<(IActorRef Queue, ulong QueueTag)> _multiple = [];
    private readonly Dictionary<long, ChannelProtocol.Get> _gets = [];
    private long _lastGet;
    private readonly DeliveryFailureSupervision<Delivery> _consumerSupervision = new((delivery, cause) => new ChannelProtocol.ConsumerFailed(delivery, DeadLettering.ConsumerFailure.Of(cause)));
    private ulong _firstTag = 1;

    private ulong NextTag => _firstTag + (ulong)_tags.Count;

    protected override SupervisorStrategy SupervisorStrategy() => _consumerSupervision;

    protected override void PostStop()
    {
        StopHearingOfMoves();
        channel.MarkClosed(null);
        foreach (var pending in _gets.Values)
        {
            pending.Result.TrySetException(new Errors.BrokerException(Errors.BrokerErrorCode.ChannelClosed, "The channel closed before the get was answered."));
        }
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case MessageDelivered delivered:
                OnDelivered(delivered, Sender);
                break;
            case ChannelProtocol.Ack ack:
                Settle(ack.DeliveryTag, ack.Multiple, ack);
                break;
            case ChannelProtocol.Nack nack:
                Settle(nack.DeliveryTag, nack.Multiple, nack);
                break;
            case ChannelProtocol.DeadLetter dead:
                Settle(dead.DeliveryTag, multiple: false, dead);
                break;
            case ChannelProtocol.Get get:
                _gets.Add(++_lastGet, get);
                WatchIfRemote(get.Queue);
                get.Queue.Tell(new QueueProtocol.Get(channel.Id, get.AutoAck, _lastGet), Self);
                break;
            case QueueProtocol.GetReply reply:
                OnGetReply(reply, Sender);
                break;
            case QueueProtocol.GetFailed failed when _gets.Remove(failed.RequestId, out var pending):
                pending.Result.TrySetException(failed.Cause);
                break;
            case ChannelProtocol.WindowOpened:
                foreach (var queue in ConsumedQueues())
                {
                    queue.Tell(QueueProtocol.Resume.Instance, Self);
                }

                break;
            case ChannelProtocol.ConsumerFailed failed:
                OnConsumerFailed(failed.Delivery, failed.Failure);
                break;
            case Terminated terminated:
                OnQueueTerminated(terminated.ActorRef);
                break;
            case QueueMoved moved:
                OnQueueTerminated(moved.From);
                break;
            case CheckMovedQueues:
                CancelMovedConsumers();
                break;
            default:
                return ReceiveTransaction(message) || ReceiveConsumerChange(message);
        }

        return true;
    }

    private void OnDelivered(MessageDelivered delivered, IActorRef queue)
    {
        var tag = NextTag;
        _tags.PushBack(new TagEntry(queue, delivered.DeliveryTag, settled: delivered.AutoAck));
        if (!_consumers.TryGetValue(delivered.ConsumerTag!, out var consumer))
        {
            // Sent before the consumer was cancelled: back to the queue, not left hanging until the channel closes.
            if (!delivered.AutoAck)
            {
                Settle(tag, multiple: false, new ChannelProtocol.Nack(tag, false, Requeue: true, Delay: null));
            }

            Trim();
            return;
        }

        Trim();
        Dispatch(consumer, new Delivery(channel, consumer.Tag, tag, delivered.DeliveryCount, consumer.QueueName, delivered.Message));
    }

    private void Dispatch(ChannelConsumer consumer, Delivery delivery)
    {
        if (consumer.Actor is { } actor)
        {
            actor.Tell(delivery, Self);
            return;
        }

        try
        {
            consumer.Handler!(delivery);
        }
#pragma warning disable CA1031 // A consumer callback may throw anything; the delivery is retried or dead-lettered, never lost.
        catch (Exception error)
#pragma warning restore CA1031
        {
            OnConsumerFailed(delivery, DeadLettering.ConsumerFailure.Of(error));
        }
    }

    private void OnGetReply(QueueProtocol.GetReply reply, IActorRef queue)
    {
        _gets.Remove(reply.RequestId, out var pending);
        if (reply.Delivered is not { } delivered)
        {
            pending?.Result.TrySetResult(new GetResult(null, reply.Remaining));
            return;
        }

        // Taken even when the caller gave up waiting: the delivery is the channel's now, and goes back to the
        // queue with the channel's other unacked ones if it is never acked.
        var tag = NextTag;
        _tags.PushBack(new TagEntry(queue, delivered.DeliveryTag, settled: delivered.AutoAck));
        Trim();
        pending?.Result.TrySetResult(new GetResult(new Delivery(channel, null, tag, delivered.DeliveryCount, reply.QueueName, delivered.Message), reply.Remaining));
    }

    /// <summary>Retry with backoff, or dead-letter with reason crash and what the consumer threw once the retry budget is spent.</summary>
    private void OnConsumerFailed(Delivery delivery, DeadLettering.ConsumerFailure failure)
    {
        if (!IsOutstanding(delivery.DeliveryTag))
        {
            return;
        }

        var policy = options.ConsumerRetry;
        object settlement = delivery.DeliveryCount >= policy.MaxAttempts
            ? new ChannelProtocol.DeadLetter(delivery.DeliveryTag, DeadLettering.DeadLetterReason.Crash, failure)
            : new ChannelProtocol.Nack(delivery.DeliveryTag, false, Requeue: true, policy.BackoffFor(delivery.DeliveryCount));
        Settle(delivery.DeliveryTag, multiple: false, settlement);
    }

    private HashSet<IActorRef> ConsumedQueues()
    {
        var queues = new HashSet<IActorRef>();
        foreach (var consumer in _consumers.Values)
        {
            queues.Add(consumer.Queue);
        }

        return queues;
    }
}
