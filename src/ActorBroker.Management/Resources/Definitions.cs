using System.Text.Json.Nodes;

namespace ActorBroker.Management.Resources;

/// <summary>
/// GET /api/definitions exports, POST /api/definitions imports: the whole deployment as one document, so a
/// node can be recreated. Import is validated first (400 with the reason, nothing applied) and idempotent.
/// </summary>
public sealed record Definitions(
    string ActorbrokerVersion,
    IReadOnlyList<UserDefinition> Users,
    IReadOnlyList<VirtualHostDefinition> Vhosts,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<ExchangeDefinition> Exchanges,
    IReadOnlyList<BindingDefinition> Bindings,
    IReadOnlyList<PolicyDefinition> Policies);

/// <summary>A user; <paramref name="PasswordHash"/> is in the node's hash format, never the password.</summary>
public sealed record UserDefinition(string Name, string PasswordHash, IReadOnlyList<string> Tags, bool LoopbackOnly = false);

public sealed record VirtualHostDefinition(string Name);

public sealed record QueueDefinition(string Vhost, string Name, bool Durable, bool AutoDelete, JsonObject Arguments);

public sealed record ExchangeDefinition(string Vhost, string Name, string Type, bool Durable, bool AutoDelete, bool Internal, JsonObject Arguments);

public sealed record BindingDefinition(string Vhost, string Source, string Destination, string DestinationType, string RoutingKey, JsonObject Arguments);

/// <summary>
/// A policy: queues (or exchanges, per <paramref name="ApplyTo"/>: queues, exchanges, all) whose name matches the
/// regular expression <paramref name="Pattern"/> take the <paramref name="Definition"/> keys (message-ttl,
/// max-length, dead-letter-exchange…) as defaults for arguments they were not declared with; of several
/// matching policies the highest <paramref name="Priority"/> applies.
/// </summary>
public sealed record PolicyDefinition(string Vhost, string Name, string Pattern, string ApplyTo, int Priority, JsonObject Definition);

/// <summary>What an import created (objects that existed already are not counted).</summary>
public sealed record ImportResult(int Users, int Vhosts, int Queues, int Exchanges, int Bindings, int Policies);
