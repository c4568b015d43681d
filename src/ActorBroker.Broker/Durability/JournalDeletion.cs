using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Broker.Durability;

/// <summary>
/// Deletes a persistent actor's events and snapshots through the default journal and snapshot plugins, with Akka's
/// own protocol, for an entity whose actor is gone (a deleted stream). Best effort: a leftover is never read again,
/// since a redeclared entity gets a persistence id of its own.
/// </summary>
internal static class JournalDeletion
{
    public static void Delete(ActorSystem system, string persistenceId, TimeSpan timeout) =>
        system.ActorOf(Props.Create(() => new Deleter(persistenceId, timeout)));

    private sealed class Deleter : ActorBase
    {
        private int _pending = 2;

        public Deleter(string persistenceId, TimeSpan timeout)
        {
            Context.SetReceiveTimeout(timeout);
            var persistence = Akka.Persistence.Persistence.Instance.Apply(Context.System);
            persistence.JournalFor(null).Tell(new DeleteMessagesTo(persistenceId, long.MaxValue, Self), Self);
            persistence.SnapshotStoreFor(null).Tell(new DeleteSnapshots(persistenceId, SnapshotSelectionCriteria.Latest), Self);
        }

        protected override bool Receive(object message)
        {
            switch (message)
            {
                case DeleteMessagesSuccess or DeleteMessagesFailure or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                    if (--_pending == 0)
                    {
                        Context.Stop(Self);
                    }

                    return true;
                case ReceiveTimeout:
                    Context.Stop(Self);
                    return true;
                default:
                    return false;
            }
        }
    }
}
