using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Delayed;

/// <summary>The messages of a <see cref="DelayedExchangeActor"/>.</summary>
internal static class DelayedProtocol
{
    /// <summary>Holds <paramref name="Message"/> until <paramref name="Due"/>; <paramref name="Confirm"/> (if any) settles once it is held (journaled, for a durable exchange).</summary>
    public sealed record Hold(Message Message, DateTimeOffset Due, PublishConfirm? Confirm);

    /// <summary>The exchange was deleted: drop what it holds and stop.</summary>
    public sealed class Discard
    {
        public static readonly Discard Instance = new();
    }

    internal sealed record Journaled(long Id, Hold Hold);

    internal sealed record NotJournaled(Hold Hold);

    internal sealed record Routed(long Id, DateTimeOffset Due);

    internal sealed record ReleaseWritten(long Id, long SequenceNr);

    internal sealed class ReleaseDue
    {
        public static readonly ReleaseDue Instance = new();
    }
}
