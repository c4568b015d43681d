namespace ActorBroker.Broker.Policies;

/// <summary>Which objects a <see cref="Policy"/> applies to (RabbitMQ's <c>apply-to</c>).</summary>
public enum PolicyTarget
{
    /// <summary>Queues only.</summary>
    Queues,

    /// <summary>Exchanges only.</summary>
    Exchanges,

    /// <summary>Queues and exchanges.</summary>
    All,
}
