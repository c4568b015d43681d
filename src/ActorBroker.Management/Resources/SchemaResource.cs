using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>
/// A JSON Schema registered under a name in a virtual host, every version oldest first (GET /api/schemas…, and the
/// <c>schemas</c> of definitions). Queues and exchanges declared with the argument <c>x-schema</c> = name check
/// each message against the newest version.
/// </summary>
public sealed record SchemaResource(string Vhost, string Name, IReadOnlyList<SchemaVersion> Versions);

/// <summary>One version of a schema: its number (from 1), the document and when it was registered.</summary>
public sealed record SchemaVersion(int Version, JsonNode Schema, DateTimeOffset? RegisteredAt = null);

/// <summary>The body of PUT /api/schemas/{vhost}/{name}: the JSON Schema document (an object or a boolean).</summary>
public sealed record SchemaRegistration(JsonNode? Schema);

/// <summary>The reply to PUT /api/schemas/{vhost}/{name}: the newest version, and whether the request made it.</summary>
public sealed record SchemaRegistered(string Vhost, string Name, int Version, bool Created);
