using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// One queue: wraps a <see cref="QueueState"/> and turns its events into effects (deliveries to channels,
/// dead letters through the virtual host's routing). Its state lives in a <see cref="QueueRuntime"/> that
/// outlives restarts. Broker errors (unknown tags, exclusivity) are answered, never thrown to the supervisor:
/// only real faults crash the actor; its shard restarts it, and <see cref="PreRestart"/> handles poison messages.
/// </summary>
internal sealed partial class QueueActor(QueueRuntime runtime) : ActorBase, IWithTimers, IWithUnboundedStash
{
    private readonly QueueState _state = runtime.State;

    public ITimerScheduler Timers { get; set; } = null!;

    public IStash Stash { get; set; } = null!;

    protected override void PreStart()
    {
        _state.WriteTo(runtime.Metrics);
        Metrics.BrokerMetrics.Track(runtime.Metrics);
        if (runtime.Owner is { } owner)
        {
            Context.Watch(owner);
        }

        StartRecovery();
        ScheduleExpiry();
    }

    // The state survives the restart, so consumers are not told anything; watches live on in the cell.
    // Akka's supervisor sees only the exception, and Akka does not retry the failed message: a publish is sent
    // again here (it then queues behind messages that arrived meanwhile) until it has crashed the queue
    // MaxQueueCrashes times; then it is a poison message and is dead-lettered with reason crash, so it cannot
    // take the queue down.
    protected override void PreRestart(Exception reason, object message)
    {
        if (message is Message or QueueProtocol.Publish)
        {
            Self.Tell(runtime.Crashes.IsPoison(message) ? new QueueProtocol.DeadLetterPoison(message, reason) : message, ActorRefs.NoSender);
        }
    }

    protected override void PostRestart(Exception reason)
    {
        runtime.TimerDue = null;
        Drain();
        ScheduleExpiry();
        RetryDeadLetters();
    }

    protected override void PostStop()
    {
        runtime.Journal?.RefuseUndecided();
        Metrics.BrokerMetrics.Untrack(runtime.Metrics);
        foreach (var (tag, channel) in runtime.ConsumerChannels)
        {
            channel.Tell(new Channels.ChannelProtocol.ConsumerCancelled(tag, runtime.Name));
        }
    }

    protected override bool Receive(object message)
    {
        if (ReceiveLifecycle(message))
        {
            return true;
        }

        switch (message)
        {
            case Message published:
                Enqueue(published);
                break;
            case QueueProtocol.Publish publish:
                SettlePublish(publish);
                break;
            case QueueProtocol.Ack ack:
                Settle(ack);
                break;
            case QueueProtocol.Nack nack:
                Settle(nack);
                break;
            case QueueProtocol.ConfirmBarrier barrier:
                SettleAfterJournal(barrier.Confirm);
                break;
            case QueueProtocol.Resume:
                _state.DeliverReady();
                Drain();
                break;
            case QueueProtocol.RunTimers:
                runtime.TimerDue = null;
                _state.RunTimers();
                Drain();
                break;
            case QueueProtocol.DeadLetterSettled settled:
                OnDeadLetterSettled(settled);
                break;
            case QueueProtocol.RetryDeadLetters:
                RetryDeadLetters();
                break;
            default:
                return ReceiveManagement(message);
        }

        return true;
    }

    private PublishOutcome Enqueue(Message message)
    {
        runtime.Options.OnEnqueue?.Invoke(runtime.Name, message);
        var outcome = _state.Publish(message);
        if (outcome == PublishOutcome.RejectedDeadLettered)
        {
            runtime.VirtualHost.DeadLetter(runtime.Name, _state.Arguments, message, DeadLetterReason.MaxLength);
        }

        Drain();
        return outcome;
    }

    // The channel validates tags before sending, so a tag unknown here was already returned to the queue in
    // a race (a recover or requeue crossing a delivery still on its way to the channel). The settlement has
    // nothing left to settle and is dropped; closing the channel for it would punish the client for a race.
    private void Settle(object command)
    {
        try
        {
            switch (command)
            {
                case QueueProtocol.Ack ack:
                    _state.Ack(ack.ChannelId, ack.DeliveryTag, ack.Multiple);
                    break;
                case QueueProtocol.Nack nack:
                    _state.Nack(nack.ChannelId, nack.DeliveryTag, nack.Multiple, nack.Requeue, nack.Delay);
                    break;
                case QueueProtocol.DeadLetterDelivery dead:
                    _state.DeadLetterDelivery(dead.ChannelId, dead.DeliveryTag, dead.Reason, dead.Failure);
                    break;
                case QueueProtocol.Recover recover:
                    _state.Recover(recover.ChannelId);
                    break;
            }
        }
        catch (BrokerException error) when (error.Code == BrokerErrorCode.PreconditionFailed)
        {
            Context.GetLogger().Debug("Queue {0} dropped a {1} for a delivery it had already taken back", runtime.Name, command.GetType().Name);
        }

        Drain();
    }

    /// <summary>Turns raised events into effects, then clears them. Called after every command.</summary>
    private void Drain()
    {
        var events = _state.PendingEvents;
        for (var i = 0; i < events.Count; i++)
        {
            switch (events[i])
            {
                case MessageDelivered { ConsumerTag: { } tag } delivered:
                    runtime.ConsumerChannels[tag].Tell(AsSeenByConsumer(delivered), Self);
                    break;
                case MessageDeadLettered dead when HoldsRemoval(dead):
                    DeadLetterHoldingRemoval(dead);
                    break;
                case MessageDeadLettered dead:
                    runtime.VirtualHost.DeadLetter(runtime.Name, _state.Arguments, dead.Message, dead.Reason);
                    break;
            }
        }

        if (runtime.Journal is { } journal)
        {
            journal.Record(events, Self);
            journal.PageInIfNeeded(Self);
        }

        _state.ClearPendingEvents();
        _state.WriteTo(runtime.Metrics);
        ScheduleTimers();
    }

    private MessageDelivered AsSeenByConsumer(MessageDelivered delivered) =>
        _state.Arguments.Type == QueueType.Quorum ? QuorumQueues.WithDeliveryCount(delivered) : delivered;

    private void ScheduleTimers()
    {
        if (_state.NextTimerDue is not { } due || (runtime.TimerDue is { } scheduled && scheduled <= due))
        {
            return;
        }

        runtime.TimerDue = due;
        var delay = due - runtime.VirtualHost.Clock.GetUtcNow();
        Timers.StartSingleTimer(QueueProtocol.RunTimers.Instance, QueueProtocol.RunTimers.Instance, delay > TimeSpan.Zero ? delay + TimeSpan.FromMilliseconds(1) : TimeSpan.FromMilliseconds(1));
    }
}
