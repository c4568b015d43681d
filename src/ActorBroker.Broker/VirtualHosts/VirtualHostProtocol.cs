using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>Metadata changes of one virtual host; each replies a value or a <see cref="Status.Failure"/>.</summary>
internal static class VirtualHostProtocol
{
    /// <summary>Replies <see cref="Client.QueueDeclareResult"/>. <paramref name="ServerOwned"/> allows reserved <c>amq.</c> names.</summary>
    public sealed record DeclareQueue(string Name, QueueDeclaration Declaration, bool Passive, long ConnectionId, IActorRef Connection, bool ServerOwned = false);

    /// <summary>Replies the number of messages the queue held.</summary>
    public sealed record DeleteQueue(string Name, bool IfUnused, bool IfEmpty, long ConnectionId);

    /// <summary>From a queue that deletes itself (auto-delete, exclusive owner gone, x-expires).</summary>
    public sealed record RemoveQueue(string Name, IActorRef Queue);

    /// <summary>
    /// A connection closed cleanly: its exclusive queues go now, not when their watch of it fires, so the client
    /// that got close-ok finds them gone. Replies <see cref="Done"/>.
    /// </summary>
    public sealed record RemoveExclusiveQueues(long ConnectionId);

    public sealed record DeclareExchange(string Name, ExchangeSettings Settings, bool Passive);

    public sealed record DeleteExchange(string Name, bool IfUnused);

    public sealed record Bind(Binding Binding, long ConnectionId);

    public sealed record Unbind(Binding Binding, long ConnectionId);

    /// <summary>
    /// Recreates the durable queues, exchanges and bindings from the journal before anything else; replies
    /// <see cref="Done"/>. Idempotent: once the host is restored (or has no journal) it only replies.
    /// </summary>
    public sealed record Restore
    {
        public static Restore Instance { get; } = new();
    }

    /// <summary>
    /// The host is being deleted: stops every queue and journals the deletion of every durable queue, exchange
    /// and binding, so that none comes back after a restart; replies <see cref="Done"/> once that is durable.
    /// </summary>
    public sealed record DeleteEverything
    {
        public static DeleteEverything Instance { get; } = new();
    }

    /// <summary>The reply to changes that return nothing.</summary>
    public sealed record Done
    {
        public static Done Instance { get; } = new();
    }
}
