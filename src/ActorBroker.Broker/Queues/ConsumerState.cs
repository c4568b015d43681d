namespace ActorBroker.Broker.Queues;

internal sealed class ConsumerState(ConsumerSpec spec, ChannelWindow? window)
{
    public ConsumerSpec Spec { get; } = spec;

    public ChannelWindow? Window { get; } = window;

    public int Unacked { get; set; }

    /// <summary>Its channel's node is unreachable: no new deliveries until it answers again.</summary>
    public bool Unreachable { get; set; }

    public bool HasOwnCredit => Spec.AutoAck || Spec.Prefetch == 0 || Unacked < Spec.Prefetch;
}
