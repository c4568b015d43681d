using ActorBroker.Persistence.Plugin;
using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Reads a range of one persistent actor's events back after its recovery (a queue paging bodies in, a stream
/// consumer behind the tail) through the default journal plugin, with Akka's own replay protocol, so it works with
/// every plugin and costs a read of that range, never a replay from the start. One short-lived actor per read
/// receives the replayed events. The group-commit plugin is asked with its <see cref="ReadEvents"/>, which claims
/// nothing: Akka's replay starts with the claim of a recovery, so with owner fencing a former owner paging in took the
/// queue back from the node that had adopted it.
/// </summary>
internal static class JournalRangeReader
{
    /// <summary>The events <paramref name="from"/> to <paramref name="to"/> (inclusive sequence numbers) still in the journal, in order.</summary>
    /// <exception cref="TimeoutException">The journal went quiet for <paramref name="timeout"/> before it finished.</exception>
    public static Task<List<IPersistentRepresentation>> ReadAsync(ActorSystem system, string persistenceId, long from, long to, TimeSpan timeout)
    {
        var result = new TaskCompletionSource<List<IPersistentRepresentation>>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new Reader(persistenceId, from, to, timeout, result)));
        return result.Task;
    }

    private sealed class Reader : ActorBase
    {
        private readonly List<IPersistentRepresentation> _events = [];
        private readonly TaskCompletionSource<List<IPersistentRepresentation>> _result;

        public Reader(string persistenceId, long from, long to, TimeSpan timeout, TaskCompletionSource<List<IPersistentRepresentation>> result)
        {
            _result = result;
            Context.SetReceiveTimeout(timeout);
            var groupCommit = Context.System.Settings.Config.GetString("akka.persistence.journal.plugin") == GroupCommitPersistence.JournalPluginId;
            Akka.Persistence.Persistence.Instance.Apply(Context.System).JournalFor(null).Tell(
                groupCommit ? new ReadEvents(persistenceId, from, to, Self) : new ReplayMessages(from, to, long.MaxValue, persistenceId, Self), Self);
        }

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case ReplayedMessage replayed:
                    _events.Add(replayed.Persistent);
                    return true;
                case RecoverySuccess:
                    _result.TrySetResult(_events);
                    break;
                case ReplayMessagesFailure failure:
                    _result.TrySetException(failure.Cause);
                    break;
                case ReceiveTimeout:
                    _result.TrySetException(new TimeoutException("The journal did not finish a read of its rows in time."));
                    break;
                default:
                    return false;
            }

            Context.Stop(Self);
            return true;
        }

        protected override void PostStop() =>
            _result.TrySetException(new InvalidOperationException("The journal read was stopped before it finished."));
    }
}
