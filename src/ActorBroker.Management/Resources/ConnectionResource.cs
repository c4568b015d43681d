using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>
/// GET /api/connections, /api/connections/{name}. <paramref name="Name"/> identifies the connection in paths
/// ("127.0.0.1:51234 -> 127.0.0.1:5672"-like, URL-escaped). DELETE /api/connections/{name} closes it (204); the
/// client gets connection.close 320 CONNECTION_FORCED with the reason of the X-Reason header.
/// </summary>
public sealed record ConnectionResource(
    string Name,
    string Vhost,
    string User,
    string ClientAddress,
    string? ClientProvidedName,
    JsonObject ClientProperties,
    int Channels,
    DateTimeOffset ConnectedAt,
    string State)
{
    /// <summary>The name of the node the client is connected to.</summary>
    public string? Node { get; init; }
}

/// <summary>GET /api/channels, /api/connections/{name}/channels.</summary>
public sealed record ChannelResource(
    string Connection,
    int Number,
    string Vhost,
    string User,
    int Consumers,
    int MessagesUnacknowledged,
    int Prefetch,
    bool ConfirmMode,
    bool Transactional);

/// <summary>GET /api/consumers, /api/consumers/{vhost}.</summary>
public sealed record ConsumerResource(
    string Vhost,
    string Queue,
    string ConsumerTag,
    string Connection,
    int ChannelNumber,
    bool AckRequired,
    int Prefetch,
    bool Exclusive);
