using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>GET /api/bindings, /api/bindings/{vhost}. <paramref name="DestinationType"/> is queue or exchange.</summary>
public sealed record BindingResource(string Vhost, string Source, string Destination, string DestinationType, string RoutingKey, JsonObject Arguments);

/// <summary>
/// POST /api/bindings/{vhost}/e/{source}/q/{queue} or …/e/{source}/e/{exchange} adds a binding (201);
/// DELETE on the same path with this body removes it (204, 404 when there is no such binding).
/// </summary>
public sealed record BindingRequest(string RoutingKey = "", JsonObject? Arguments = null);
