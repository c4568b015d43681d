using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Client;

/// <summary>A channel closed by the broker itself, because of a protocol error such as acking an unknown delivery tag.</summary>
public sealed class ChannelClosedEventArgs(BrokerException reason) : EventArgs
{
    /// <summary>Why the broker closed the channel; the same as <see cref="BrokerChannel.CloseReason"/>.</summary>
    public BrokerException Reason { get; } = reason;
}
