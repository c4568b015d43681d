using ActorBroker.Broker.Client;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueActor
{
    private bool ReceiveManagement(object message)
    {
        switch (message)
        {
            case QueueProtocol.Consume consume:
                AddConsumer(consume);
                break;
            case QueueProtocol.Cancel cancel:
                var existed = _state.RemoveConsumer(cancel.ConsumerTag);
                runtime.ConsumerChannels.Remove(cancel.ConsumerTag);
                Drain();
                Sender.Tell(new Status.Success(existed));
                DeleteIfAutoDeleteAndUnused();
                break;
            case QueueProtocol.Get get:
                var delivered = _state.Get(get.ChannelId, get.AutoAck);
                if (delivered is { AutoAck: false })
                {
                    Track(get.ChannelId, Sender);
                }

                Drain();
                Sender.Tell(new QueueProtocol.GetReply(runtime.Name, delivered is null ? null : AsSeenByConsumer(delivered), _state.ReadyCount, get.RequestId), Self);
                ScheduleExpiry();
                break;
            case QueueProtocol.DeadLetterDelivery or QueueProtocol.Recover:
                Settle(message);
                break;
            case QueueProtocol.ChannelClosed closed:
                CloseChannel(closed.ChannelId, closed.Channel);
                break;
            case Terminated terminated:
                OnTerminated(terminated.ActorRef);
                break;
            case QueueProtocol.Purge:
                var purged = _state.Purge();
                Drain();
                Sender.Tell(purged);
                break;
            case QueueProtocol.Peek peek:
                Sender.Tell(_state.Peek(peek.Count));
                break;
            case QueueProtocol.GetInfo:
                Sender.Tell(Info());
                break;
            case QueueProtocol.Redrive redrive:
                Sender.Tell(Redrive(redrive.Target, redrive.Max));
                break;
            case QueueProtocol.CheckExpiry:
                if (_state.ConsumerCount == 0)
                {
                    RequestDelete();
                }

                break;
            case QueueProtocol.DeadLetterPoison poison:
                DeadLetterPoison(poison.Failed);
                break;
            default:
                return ReceiveJournal(message) || ReceiveTransaction(message) || ReceiveAdmin(message) || ReceiveReachability(message);
        }

        return true;
    }

    private void AddConsumer(QueueProtocol.Consume consume)
    {
        try
        {
            FollowReachability(consume.Spec.ChannelId, consume.Channel);
            _state.AddConsumer(consume.Spec, consume.Window);
        }
        catch (BrokerException error)
        {
            Sender.Tell(new Status.Failure(error));
            return;
        }

        runtime.ConsumerChannels[consume.Spec.Tag] = consume.Channel;
        Track(consume.Spec.ChannelId, consume.Channel);
        Timers.Cancel(QueueProtocol.CheckExpiry.Instance);
        Sender.Tell(new Status.Success(consume.Spec.Tag));
        Drain();
    }

    private void Track(long channelId, IActorRef channel)
    {
        if (runtime.Channels.TryAdd(channel, channelId))
        {
            Context.Watch(channel);
        }
    }

    private void OnTerminated(IActorRef actor)
    {
        if (actor.Equals(runtime.Owner))
        {
            RequestDelete();
        }
        else if (runtime.Channels.TryGetValue(actor, out var channelId))
        {
            Self.Tell(new QueueProtocol.ChannelClosed(channelId, actor));
        }
    }

    /// <summary>The channel's consumers go and its unacked deliveries return to their places for redelivery.</summary>
    private void CloseChannel(long channelId, IActorRef channel)
    {
        if (!runtime.Channels.Remove(channel))
        {
            return;
        }

        foreach (var tag in runtime.ConsumerChannels.Where(c => c.Value.Equals(channel)).Select(c => c.Key).ToList())
        {
            runtime.ConsumerChannels.Remove(tag);
        }

        _state.CloseChannel(channelId);
        Drain();
        DeleteIfAutoDeleteAndUnused();
    }

    private void DeleteIfAutoDeleteAndUnused()
    {
        if (_state.ConsumerCount == 0)
        {
            if (runtime.Declaration.AutoDelete && _state.HadConsumers)
            {
                RequestDelete();
            }
            else
            {
                ScheduleExpiry();
            }
        }
    }

    /// <summary>(Re)starts the x-expires countdown; a get counts as use, like a new consumer.</summary>
    private void ScheduleExpiry()
    {
        if (_state.Arguments.Expires is { } expires && _state.ConsumerCount == 0)
        {
            Timers.StartSingleTimer(QueueProtocol.CheckExpiry.Instance, QueueProtocol.CheckExpiry.Instance, expires);
        }
    }

    private void RequestDelete()
    {
        if (!runtime.DeleteRequested)
        {
            runtime.DeleteRequested = true;
            runtime.VirtualHost.Actor.Tell(new VirtualHostProtocol.RemoveQueue(runtime.Name, Self));
        }
    }

    private QueueInfo Info()
    {
        var now = runtime.VirtualHost.Clock.GetUtcNow();
        var counters = _state.Counters;
        var last = runtime.LastSample;
        var seconds = runtime.LastSampleAt == DateTimeOffset.MinValue ? 0 : (now - runtime.LastSampleAt).TotalSeconds;
        double Rate(long current, long previous) => seconds > 0 ? (current - previous) / seconds : 0;
        runtime.LastSample = counters;
        runtime.LastSampleAt = now;
        return new QueueInfo(
            runtime.Name,
            runtime.Declaration,
            counters,
            Rate(counters.Published, last.Published),
            Rate(counters.Delivered, last.Delivered),
            Rate(counters.Acked, last.Acked));
    }

    private void DeadLetterPoison(object failed)
    {
        var message = failed switch
        {
            Messages.Message m => m,
            QueueProtocol.Publish p => p.Message,
            _ => null,
        };
        if (message is null)
        {
            return;
        }

        runtime.VirtualHost.DeadLetter(runtime.Name, _state.Arguments, message, DeadLetterReason.Crash);
        (failed as QueueProtocol.Publish)?.Confirm.Settle(true);
    }
}
