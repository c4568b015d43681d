using ActorBroker.Broker.Policies;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Server.Listeners;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// A definitions document checked against itself and the node: every item parsed, every reference resolved,
/// every existing object found equivalent. <c>Exists</c> marks what the node already has (not counted as created).
/// </summary>
internal sealed record ImportPlan(
    IReadOnlyList<NodeUser> Users,
    IReadOnlyList<string> NewVhosts,
    IReadOnlyList<ImportPlan.PlannedPolicy> Policies,
    IReadOnlyList<ImportPlan.PlannedExchange> Exchanges,
    IReadOnlyList<ImportPlan.PlannedQueue> Queues,
    IReadOnlyList<ImportPlan.PlannedBinding> Bindings,
    IReadOnlyList<ImportPlan.PlannedPermission>? Permissions,
    IReadOnlyList<ImportPlan.PlannedSchema> Schemas)
{
    /// <summary>A schema's documents, oldest version first; each one the node has in none of its versions becomes a new version.</summary>
    public sealed record PlannedSchema(string Vhost, string Name, IReadOnlyList<string> Documents, bool Exists)
    {
        public override string ToString() => $"schema '{Name}' in virtual host '{Vhost}'";
    }

    /// <summary>Permissions to set; a document without a permissions list (one exported before they existed) has null.</summary>
    public sealed record PlannedPermission(string User, string Vhost, VirtualHostPermissions Permissions);

    public sealed record PlannedPolicy(string Vhost, Policy Policy, bool Exists);

    public sealed record PlannedExchange(string Vhost, string Name, ExchangeSettings Settings, bool Exists)
    {
        public override string ToString() => $"exchange '{Name}' in virtual host '{Vhost}'";
    }

    public sealed record PlannedQueue(string Vhost, string Name, QueueDeclaration Declaration, bool Exists)
    {
        public override string ToString() => $"queue '{Name}' in virtual host '{Vhost}'";
    }

    public sealed record PlannedBinding(string Vhost, Binding Binding, bool Exists)
    {
        public override string ToString() => Describe(Vhost, Binding.Source, Binding.Destination, Binding.RoutingKey);

        public static string Describe(string vhost, string source, Destination destination, string routingKey) =>
            $"binding of exchange '{source}' to {destination} (routing key '{routingKey}') in virtual host '{vhost}'";
    }
}
