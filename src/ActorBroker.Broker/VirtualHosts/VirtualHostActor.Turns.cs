using ActorBroker.Broker.Replication;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// In a cluster, a change of the topology waits for this host's turn from the <see cref="TopologyWriter"/>: commands
/// that change it are stashed until the turn is granted, handled, and the turn is released once every node applied
/// them. Everything else (replicated changes of other nodes above all) goes on meanwhile, so the holder's changes are
/// applied here while this host waits. A node alone in its cluster has no one to take turns with and asks no one.
/// </summary>
internal sealed partial class VirtualHostActor : IWithUnboundedStash, IWithTimers
{
    private const string AskAgainTimer = "ask-for-turn-again";
    private bool _holdsTurn;
    private bool _waitingForTurn;

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    private static ActorSelection Writer => Context.ActorSelection(TopologyWriters.ProxyPath);

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (_holdsTurn || !NeedsTurn(message))
        {
            return base.AroundReceive(receive, message);
        }

        Stash.Stash();
        if (!_waitingForTurn)
        {
            _waitingForTurn = true;
            Writer.Tell(new TopologyWriterProtocol.AcquireTurn(_host.Name), Self);
            // A writer that moved with its node lost the request: asked again until granted.
            Timers.StartPeriodicTimer(AskAgainTimer, AskForTurnAgain.Instance, TimeSpan.FromSeconds(2));
        }

        return true;
    }

    private void ReceiveTurns()
    {
        Receive<TopologyWriterProtocol.TurnGranted>(_ => TurnGranted());
        Receive<AskForTurnAgain>(_ => Writer.Tell(new TopologyWriterProtocol.AcquireTurn(_host.Name), Self));
        Receive<ReleaseTurn>(_ => ReleaseWhenReplicated());
    }

    private void TurnGranted()
    {
        if (!_waitingForTurn)
        {
            // A grant for a request already served (asked twice of a writer that moved): not wanted, so given back.
            if (!_holdsTurn)
            {
                Writer.Tell(new TopologyWriterProtocol.ReleaseTurn(_host.Name), Self);
            }

            return;
        }

        _waitingForTurn = false;
        _holdsTurn = true;
        Timers.Cancel(AskAgainTimer);
        Stash.UnstashAll();
        // Behind the commands just unstashed (and any that came meanwhile): released once they are handled.
        Self.Tell(ReleaseTurn.Instance);
    }

    // Not awaited in the handler: the other nodes must stay free to acknowledge while this one waits for them.
    private void ReleaseWhenReplicated()
    {
        if (!_replicated.IsCompleted)
        {
            var self = Self;
            _replicated.ContinueWith(_ => self.Tell(ReleaseTurn.Instance), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        _holdsTurn = false;
        Writer.Tell(new TopologyWriterProtocol.ReleaseTurn(_host.Name), Self);
    }

    /// <summary>
    /// A change needs the turn when there are other nodes to take turns with. A restore from a shared journal needs it
    /// even alone: any node's journal holds every durable queue, so two nodes that start at once would both restore
    /// one; under the turn the second finds the first's queues in its snapshot (replicated before the first released)
    /// and restores only what no live node holds. Once the host is restored a restore only answers done, and every
    /// connect sends one: asking the writer then would make each new connection wait for a node that may be gone (the
    /// writer lives on the oldest member, and a killed oldest answers no one until the writer moved).
    /// </summary>
    private bool NeedsTurn(object message) => message is VirtualHostProtocol.Restore
        ? !_host.Restored.IsCompleted && _options.Durability?.SharedJournalNode is not null && TopologyPeers.IsCluster(Context.System)
        : ChangesTopology(message) && TopologyPeers.At(Context.System, Context.Parent.Path).Count > 0;

    private static bool ChangesTopology(object message) => message switch
    {
        VirtualHostProtocol.DeclareQueue declare => !declare.Passive,
        VirtualHostProtocol.DeclareExchange declare => !declare.Passive,
        VirtualHostProtocol.DeleteQueue or VirtualHostProtocol.RemoveQueue or VirtualHostProtocol.RemoveExclusiveQueues
            or VirtualHostProtocol.DeleteExchange or VirtualHostProtocol.Bind or VirtualHostProtocol.Unbind
            or TopologyReplicationProtocol.DeleteQueueOnOwner or Policies.PolicyProtocol.SetPolicy or Policies.PolicyProtocol.ClearPolicy
            or Schemas.SchemaProtocol.RegisterSchema or Schemas.SchemaProtocol.DeleteSchema => true,
        _ => false,
    };

    private sealed record AskForTurnAgain
    {
        public static AskForTurnAgain Instance { get; } = new();
    }

    private sealed record ReleaseTurn
    {
        public static ReleaseTurn Instance { get; } = new();
    }
}
