using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;
using Akka.Actor;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// At-least-once dead-lettering (quorum queues): a dead letter leaves the queue's state at once, as every dead
/// letter does, but stays in the queue's journal and in <see cref="QueueRuntime.PendingDeadLetters"/> until every
/// queue its dead-letter exchange routes it to holds it. A dead letter that no queue takes (no route, a full
/// reject-publish queue) is sent again every <see cref="Client.BrokerOptions.DeadLetterRetryInterval"/>.
/// </summary>
internal sealed partial class QueueActor
{
    private void DeadLetterAtLeastOnce(MessageDeadLettered dead)
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
            RetryLater(sequence);
            return;
        }

        var self = Self;
        confirm.Task.ContinueWith(
            settled => self.Tell(new QueueProtocol.DeadLetterSettled(sequence, settled.Result), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnDeadLetterSettled(QueueProtocol.DeadLetterSettled settled)
    {
        if (!runtime.PendingDeadLetters.ContainsKey(settled.Sequence))
        {
            return;
        }

        if (!settled.Accepted)
        {
            RetryLater(settled.Sequence);
            return;
        }

        runtime.PendingDeadLetters.Remove(settled.Sequence);
        runtime.Journal?.ReleaseRemoval(settled.Sequence, Self);
    }

    private void RetryLater(long sequence)
    {
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
