namespace ActorBroker.Client;

/// <summary>Where and how a <see cref="BrokerClient"/> reaches the broker.</summary>
/// <param name="Contacts">
/// Akka addresses of broker nodes (<c>akka.tcp://actorbroker@host:port</c>, as a node logs it and shows it in
/// <c>GET /api/overview</c> as <c>akka_address</c>); the client needs one that answers and finds the others.
/// </param>
public sealed record BrokerClientSettings(IReadOnlyList<string> Contacts)
{
    /// <summary>The virtual host the client's session uses.</summary>
    public string VirtualHost { get; init; } = "/";

    /// <summary>How long a request (publish, declare, get, …) may wait for the broker's answer.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="BrokerClient.ConnectAsync(Akka.Actor.ActorSystem, BrokerClientSettings, CancellationToken)"/> waits for a first session.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the client asks again for a session while no node has answered (at start and after losing a node).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Settings for a client of the gateway in its own ActorSystem (embedded broker): no contacts.</summary>
    public static BrokerClientSettings Embedded { get; } = new([]);
}
