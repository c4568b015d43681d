using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// Dead-lettering that holds the removal: a dead letter leaves the queue's state at once, as every dead letter
/// does, but stays in the queue's journal and in <see cref="QueueRuntime.PendingDeadLetters"/> until every queue
/// its dead-letter exchange routes it to holds it, so a crash between the two writes cannot lose it (it comes back
/// in this queue instead). Quorum queues with the at-least-once strategy send a dead letter that no queue takes (no
/// route, a full reject-publish queue) again every <see cref="Client.BrokerOptions.DeadLetterRetryInterval"/>; a
/// durable queue's persistent dead letters otherwise keep RabbitMQ's at-most-once rule there and are dropped.
/// </summary>
internal sealed partial class QueueActor
{
    /// <summary>Whether the removal of this dead letter waits until its dead-letter queues hold it.</summary>
    private bool HoldsRemoval(MessageDeadLettered dead) =>
        _state.Arguments.DeadLettersAtLeastOnce
        || (runtime.Journal is not null && dead.Message.Properties.IsPersistent && _state.Arguments.DeadLetterExchange is not null);

    private void DeadLetterHoldingRemoval(MessageDeadLettered dead)
    {
        if (runtime.VirtualHost.RecordDeath(runtime.Name, _state.Arguments, dead.Message, dead.Reason) is not { } letter)
        {
            return;
        }

        if (letter.Properties.IsPersistent)
        {
            runtime.Journal?.Messages.HoldRemoval(dead.Sequence);
        }

        runtime.PendingDeadLetters[dead.Sequence] = (letter, dead.Reason);
        SendDeadLetter(dead.Sequence, letter, dead.Reason);
    }

    private void SendDeadLetter(long sequence, Message letter, DeadLetterReason reason)
    {
        if (runtime.VirtualHost.DeadLetterConfirmed(runtime.Name, letter, reason) is not { } confirm)
        {
            NotTaken(sequence);
            return;
        }

        var self = Self;
        confirm.Task.ContinueWith(
            settled => self.Tell(new QueueProtocol.DeadLetterSettled(sequence, settled.Result), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Whether some held dead letter is on its way to its queues (not waiting for a retry).</summary>
    private bool DeadLettersAwaitingAnswer =>
        runtime.Journal is not null && runtime.PendingDeadLetters.Count > runtime.DeadLettersToRetry.Count;

    private void OnDeadLetterSettled(QueueProtocol.DeadLetterSettled settled)
    {
        if (!runtime.PendingDeadLetters.ContainsKey(settled.Sequence))
        {
            return;
        }

        if (settled.Accepted)
        {
            Release(settled.Sequence);
        }
        else
        {
            NotTaken(settled.Sequence);
        }

        if (runtime.StopAfterDeadLetters && !DeadLettersAwaitingAnswer)
        {
            Stop(deleteJournal: false);
        }
    }

    private void Release(long sequence)
    {
        runtime.PendingDeadLetters.Remove(sequence);
        runtime.Journal?.ReleaseRemoval(sequence, Self);
    }

    private void NotTaken(long sequence)
    {
        if (!_state.Arguments.DeadLettersAtLeastOnce)
        {
            Release(sequence);
            return;
        }

        runtime.DeadLettersToRetry.Add(sequence);
        if (!Timers.IsTimerActive(QueueProtocol.RetryDeadLetters.Instance))
        {
            Timers.StartSingleTimer(QueueProtocol.RetryDeadLetters.Instance, QueueProtocol.RetryDeadLetters.Instance, runtime.Options.DeadLetterRetryInterval);
        }
    }

    private void RetryDeadLetters()
    {
        var due = runtime.DeadLettersToRetry.ToList();
        runtime.DeadLettersToRetry.Clear();
        foreach (var sequence in due)
        {
            if (runtime.PendingDeadLetters.TryGetValue(sequence, out var pending))
            {
                SendDeadLetter(sequence, pending.Letter, pending.Reason);
            }
        }
    }
}
