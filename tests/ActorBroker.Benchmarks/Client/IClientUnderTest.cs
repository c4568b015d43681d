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

    /// <summary>Declares a stream (<c>x-queue-type = stream</c>).</summary>
    Task DeclareStreamAsync(string stream);

    /// <summary>Reads a stream from its first message with manual acks and the given prefetch, as <see cref="ConsumeAsync"/>.</summary>
    Task<IAsyncDisposable> ConsumeStreamAsync(string stream, int prefetch, Action onDelivery);
}
