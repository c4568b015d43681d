using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>
/// GET /api/exchanges, /api/exchanges/{vhost}, /api/exchanges/{vhost}/{name}. The default exchange is named
/// "amq.default" in paths and "" in <paramref name="Name"/>. <paramref name="Type"/> is direct, fanout, topic, headers or
/// x-super-stream.
/// </summary>
public sealed record ExchangeResource(string Vhost, string Name, string Type, bool Durable, bool AutoDelete, bool Internal, JsonObject Arguments)
{
    /// <summary>A super stream's partition streams, partition 0 first (GET of one super stream only).</summary>
    public IReadOnlyList<string>? Partitions { get; init; }
}

/// <summary>PUT /api/exchanges/{vhost}/{name}: 201 when created, 204 when an equivalent one exists, 409 when it differs.</summary>
public sealed record ExchangeDeclareRequest(string Type, bool Durable = true, bool AutoDelete = false, bool Internal = false, JsonObject? Arguments = null);
