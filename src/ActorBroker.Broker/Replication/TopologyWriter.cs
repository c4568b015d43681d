using Akka.Actor;

namespace ActorBroker.Broker.Replication;

/// <summary>
/// The one writer of every virtual host's topology in a cluster (a cluster singleton): it grants a host's actors the
/// turn to change it one node at a time. The holder checks its change against its own routing snapshot, which is
/// current (every earlier holder replicated to it before it released), applies it, replicates it to every node and
/// releases; so two nodes never declare one name differently at once, and every node applies changes in one order.
/// A holder that dies releases its turn (death watch); a writer that moves with its node starts empty, and the hosts
/// that wait ask again.
/// </summary>
internal sealed class TopologyWriter : ReceiveActor
{
    private readonly Dictionary<string, Turns> _hosts = new(StringComparer.Ordinal);

    public TopologyWriter()
    {
        Receive<TopologyWriterProtocol.AcquireTurn>(acquire => Acquire(acquire.VirtualHost, Sender));
        Receive<TopologyWriterProtocol.ReleaseTurn>(release => Release(release.VirtualHost, Sender));
        Receive<Terminated>(terminated =>
        {
            foreach (var (host, turns) in _hosts)
            {
                turns.Waiting.Remove(terminated.ActorRef);
                Release(host, terminated.ActorRef);
            }
        });
    }

    private void Acquire(string host, IActorRef requester)
    {
        var turns = TurnsOf(host);
        if (turns.Holder is null || turns.Holder.Equals(requester))
        {
            // Asked again by the holder: its grant was lost on the way (a writer that moved), so it gets it again.
            Grant(host, turns, requester);
        }
        else if (!turns.Waiting.Contains(requester))
        {
            Context.Watch(requester);
            turns.Waiting.AddLast(requester);
        }
    }

    private void Release(string host, IActorRef holder)
    {
        var turns = TurnsOf(host);
        if (!holder.Equals(turns.Holder))
        {
            return;
        }

        turns.Holder = null;
        if (turns.Waiting.First is { } next)
        {
            turns.Waiting.RemoveFirst();
            Grant(host, turns, next.Value);
        }
    }

    private static void Grant(string host, Turns turns, IActorRef holder)
    {
        turns.Holder = holder;
        Context.Watch(holder);
        holder.Tell(new TopologyWriterProtocol.TurnGranted(host));
    }

    private Turns TurnsOf(string host)
    {
        if (!_hosts.TryGetValue(host, out var turns))
        {
            turns = new Turns();
            _hosts.Add(host, turns);
        }

        return turns;
    }

    private sealed class Turns
    {
        public IActorRef? Holder { get; set; }

        public LinkedList<IActorRef> Waiting { get; } = [];
    }
}
