using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Transactions;

/// <summary>
/// The messages of an atomic transaction commit (see <c>docs/decisions/exactly-once.md</c>): the channel hands the
/// acks and outputs to the one queue whose deliveries it acks, which journals both in one write and then forwards
/// the outputs.
/// </summary>
internal static class TransactionProtocol
{
    /// <summary>
    /// To the channel actor: commit <paramref name="Settlements"/> (acks only) and <paramref name="Outputs"/> atomically.
    /// <paramref name="Done"/> completes true once committed and forwarded, false (nothing settled) when the acks
    /// span several queues or none: the caller then commits the old way, or with an error for an unknown tag.
    /// </summary>
    public sealed record ChannelCommit(IReadOnlyList<TransactionSettlement> Settlements, Message[] Outputs, TaskCompletionSource<bool> Done);

    /// <summary>To the queue: ack <paramref name="QueueTags"/> of <paramref name="ChannelId"/> and publish <paramref name="Outputs"/>, atomically.</summary>
    public sealed record QueueCommit(long ChannelId, ulong[] QueueTags, Message[] Outputs, TaskCompletionSource<bool> Done);

    /// <summary>The queue's write holding the commit was decided (<paramref name="Stored"/>: durable).</summary>
    internal sealed record Durable(long TransactionId, Message[] Outputs, TaskCompletionSource<bool> Done, bool Stored);

    /// <summary>Every output of the transaction reached its queues (or was refused by them).</summary>
    internal sealed record Forwarded(long TransactionId, TaskCompletionSource<bool>? Done);
}
