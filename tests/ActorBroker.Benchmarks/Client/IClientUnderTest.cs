namespace ActorBroker.Benchmarks.Client;

/// <summary>What the comparison does with a client: the same calls for the Akka client and for RabbitMQ.Client.</summary>
internal interface IClientUnderTest : IAsyncDisposable
{
    string Name { get; }

    Task DeclareAsync(string queue);

    /// <summary>Publishes to the queue through the default exchange and completes on the broker's confirm.</summary>
    Task PublishConfirmedAsync(string queue, ReadOnlyMemory<byte> body);

    /// <summary>Consumes with manual acks and the given prefetch; each delivery is acked after <paramref name="onDelivery"/> ran.</summary>
    Task<IAsyncDisposable> ConsumeAsync(string queue, int prefetch, Action onDelivery);
}
