using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

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
    IReadOnlyList<PolicyDefinition> Policies,
    IReadOnlyList<PermissionDefinition>? Permissions = null,
    IReadOnlyList<SchemaResource>? Schemas = null);

/// <summary>
/// A user. <paramref name="PasswordHash"/> is in the node's hash format ("" for none: the user signs in only with a
/// client certificate); the node never writes the password. <c>PUT /api/users/{name}</c> also takes
/// <paramref name="Password"/> in clear, as RabbitMQ does, and hashes it. <paramref name="Tags"/> is written as a
/// list and read as a list or, as RabbitMQ takes it, a comma-separated string ("administrator,monitoring", "").
/// </summary>
public sealed record UserDefinition(
    string Name,
    string? PasswordHash,
    [property: JsonConverter(typeof(TagListConverter))] IReadOnlyList<string>? Tags,
    bool LoopbackOnly = false,
    string? Password = null);

/// <summary>
/// A user's permissions in a virtual host, as RabbitMQ's GET /api/permissions lists them: regular expressions over
/// the names of exchanges and queues the user may configure (declare, delete), write (publish to, bind to) and read
/// (consume, get, purge, bind from). PUT /api/permissions/{vhost}/{user} takes the three patterns alone.
/// </summary>
public sealed record PermissionDefinition(string? User, string? Vhost, string Configure, string Write, string Read);

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
public sealed record ImportResult(int Users, int Vhosts, int Queues, int Exchanges, int Bindings, int Policies, int Permissions = 0, int Schemas = 0);
