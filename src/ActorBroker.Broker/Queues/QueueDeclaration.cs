using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Queues;

/// <summary>How a queue is declared. Redeclaring with different settings fails with a precondition error.</summary>
/// <param name="Durable">Survives a broker restart with its persistent messages, when the broker runs with <see cref="Client.BrokerOptions.Durability"/>.</param>
/// <param name="Exclusive">Used only by the declaring connection and deleted when that connection closes.</param>
/// <param name="AutoDelete">Deleted when its last consumer is cancelled (after it had at least one).</param>
/// <param name="Arguments">The <c>x-</c> arguments (TTL, length limits, dead-lettering, priorities…).</param>
public sealed record QueueDeclaration(bool Durable = true, bool Exclusive = false, bool AutoDelete = false, Headers? Arguments = null)
{
    /// <summary>Declared with <c>x-queue-type = stream</c>: an append-only log read from offsets.</summary>
    public bool IsStream => Streams.StreamSettings.IsStream(this);

    public bool Equivalent(QueueDeclaration other) =>
        Durable == other.Durable && Exclusive == other.Exclusive && AutoDelete == other.AutoDelete
        && ((Arguments is null || Arguments.Count == 0) ? (other.Arguments is null || other.Arguments.Count == 0) : Arguments.ContentEquals(other.Arguments));

    public override string ToString() =>
        $"durable={Durable}, exclusive={Exclusive}, auto-delete={AutoDelete}, arguments=[{string.Join(", ", (Arguments ?? Headers.Empty).Select(a => $"{a.Key}={a.Value}"))}]";
}
