namespace ActorBroker.Client;

/// <summary>How a consumer actor consumes from a queue.</summary>
/// <param name="Prefetch">Most unacknowledged deliveries the actor holds at once; 0 means no limit.</param>
/// <param name="AutoAck">Deliveries count as acknowledged when sent (at-most-once); otherwise answer each (at-least-once).</param>
/// <param name="Exclusive">No other consumer may use the queue meanwhile.</param>
public sealed record SubscribeOptions(int Prefetch = 100, bool AutoAck = false, bool Exclusive = false)
{
    public static SubscribeOptions Default { get; } = new();
}
