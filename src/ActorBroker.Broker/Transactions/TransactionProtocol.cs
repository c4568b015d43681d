using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Messages;
using Akka.Actor;

namespace ActorBroker.Broker.Transactions;

/// <summary>
/// The messages of an atomic transaction commit (see <c>docs/decisions/exactly-once.md</c>): the channel hands the
/// acks and outputs to one queue whose deliveries it acks (the one holding the decision), which locks the acked
/// deliveries of the other queues, journals its acks, theirs and the outputs in one write, and then applies the
/// other queues' acks and forwards the outputs.
/// </summary>
internal static class TransactionProtocol
{
    /// <summary>
    /// To the channel actor: commit <paramref name="Settlements"/> (acks only) and <paramref name="Outputs"/> atomically.
    /// A transaction without acks is held by <paramref name="Holder"/>, a durable queue its first output goes to.
    /// <paramref name="Done"/> completes true once committed and forwarded, false (nothing settled) when it does not
    /// qualify: the caller then commits the old way, or with an error for an unknown tag.
    /// </summary>
    public sealed record ChannelCommit(IReadOnlyList<TransactionSettlement> Settlements, Message[] Outputs, IActorRef? Holder, TaskCompletionSource<bool> Done);

    /// <summary>
    /// To the queue holding the decision: ack <paramref name="QueueTags"/> of <paramref name="ChannelId"/>, those of
    /// <see cref="Participants"/> in their queues, and publish <paramref name="Outputs"/>, atomically.
    /// </summary>
    public sealed record QueueCommit(long ChannelId, ulong[] QueueTags, Message[] Outputs, TaskCompletionSource<bool> Done)
    {
        public IReadOnlyList<Participant> Participants { get; init; } = [];

        /// <summary>How many streams handed the decision on (a stream holds none; see StreamActor.Transactions).</summary>
        public int Hops { get; init; }
    }

    /// <summary>Another queue whose deliveries (<paramref name="QueueTags"/>) the transaction acks.</summary>
    public sealed record Participant(IActorRef Queue, ulong[] QueueTags);

    /// <summary>
    /// To a participant: check that the tags are outstanding deliveries of the channel and lock them until the
    /// decision; <paramref name="Locked"/> gets their acks as the commit record names them, or fails.
    /// </summary>
    public sealed record Lock(long TransactionId, long ChannelId, ulong[] QueueTags, TaskCompletionSource<RemoteAcks> Locked);

    /// <summary>To a participant: the transaction failed before its commit point, the locked deliveries go back.</summary>
    public sealed record Release(long TransactionId);

    /// <summary>
    /// To a participant: the transaction committed, its acks here take effect (the locked deliveries, or after a
    /// crash the messages still ready); <paramref name="Applied"/> completes once their removal is durable.
    /// </summary>
    public sealed record ApplyAcks(long TransactionId, RemoteAcks Acks, PublishConfirm Applied);

    /// <summary>The participants answered the locks of <paramref name="Commit"/> (<paramref name="Acks"/>: null where one refused).</summary>
    internal sealed record Locked(long TransactionId, QueueCommit Commit, RemoteAcks?[] Acks, Exception? Refusal);

    /// <summary>The queue's write holding the commit was decided (<paramref name="Stored"/>: durable).</summary>
    internal sealed record Durable(Durability.QueueRecord.TransactionCommitted Record, TaskCompletionSource<bool> Done, bool Stored);

    /// <summary>Every output of the transaction reached its queues (or was refused by them), every remote ack is durable.</summary>
    internal sealed record Forwarded(long TransactionId, TaskCompletionSource<bool>? Done);

    /// <summary>A recovered queue's pending commits have their outputs in their queues and their acks applied in the others: it may serve.</summary>
    internal sealed record RecoveredCommitsSettled
    {
        public static readonly RecoveredCommitsSettled Instance = new();
    }
}
