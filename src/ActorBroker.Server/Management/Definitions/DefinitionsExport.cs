using ActorBroker.Broker.Client;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management.Endpoints;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// GET /api/definitions: what a node needs to be recreated, as RabbitMQ exports it: all users and virtual hosts,
/// durable non-exclusive queues, durable exchanges (not the default one, not <c>amq.*</c>), bindings whose both
/// ends are exported or predeclared (not the default exchange's implicit ones), policies, schemas with every version, and permissions (a user
/// whose permissions were never set is exported with full permissions in every virtual host, what it has now). Transient objects
/// are left out: they would not survive a restart of the node either. Every list is in a stable order, so two
/// exports of equal deployments are equal documents.
/// </summary>
internal static class DefinitionsExport
{
    public static async Task<ActorBroker.Management.Resources.Definitions> ExportAsync(MessageBroker broker, UserStore users)
    {
        var vhosts = await broker.Admin.ListVirtualHostsAsync().ConfigureAwait(false);
        var queues = new List<QueueDefinition>();
        var exchanges = new List<ExchangeDefinition>();
        var bindings = new List<BindingDefinition>();
        var policies = new List<PolicyDefinition>();
        var schemas = new List<SchemaResource>();
        foreach (var vhost in vhosts)
        {
            var hostQueues = (await broker.Admin.ListQueueDeclarationsAsync(vhost).ConfigureAwait(false))
                .Where(q => q.Declaration is { Durable: true, Exclusive: false } && !IsReserved(q.Name))
                .Select(q => new QueueDefinition(vhost, q.Name, true, q.Declaration.AutoDelete, FieldValueJson.ToJson(q.Declaration.Arguments)))
                .ToList();
            var hostExchanges = (await broker.Admin.ListExchangesAsync(vhost).ConfigureAwait(false))
                .Where(e => e.Settings.Durable && e.Name.Length > 0 && !IsReserved(e.Name))
                .Select(e => new ExchangeDefinition(vhost, e.Name, BrokerResources.TypeName(e.Settings.Type), true, e.Settings.AutoDelete,
                    e.Settings.Internal, FieldValueJson.ToJson(e.Settings.Arguments)))
                .ToList();
            var queueNames = hostQueues.Select(q => q.Name).ToHashSet(StringComparer.Ordinal);
            var exchangeNames = hostExchanges.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);

            // The amq.* exchanges are predeclared in every virtual host, so bindings to and from them carry over.
            bool Kept(string exchange) => exchangeNames.Contains(exchange) || IsReserved(exchange);
            bindings.AddRange((await broker.Admin.ListBindingsAsync(vhost).ConfigureAwait(false))
                .Where(b => Kept(b.Source)
                    && (b.Destination.Kind == DestinationKind.Queue ? queueNames.Contains(b.Destination.Name) : Kept(b.Destination.Name)))
                .Select(b => ToDefinition(b, vhost))
                .OrderBy(b => b.Source, StringComparer.Ordinal)
                .ThenBy(b => b.DestinationType, StringComparer.Ordinal)
                .ThenBy(b => b.Destination, StringComparer.Ordinal)
                .ThenBy(b => b.RoutingKey, StringComparer.Ordinal)
                .ThenBy(b => b.Arguments.ToJsonString(), StringComparer.Ordinal));
            queues.AddRange(hostQueues);
            exchanges.AddRange(hostExchanges);
            policies.AddRange((await PoliciesEndpoints.ListAsync(broker, vhost).ConfigureAwait(false)).OrderBy(p => p.Name, StringComparer.Ordinal));
            // Without registration times: an import registers anew, so they would differ in every copy of a deployment.
            schemas.AddRange((await SchemaResources.ListAsync(broker, vhost).ConfigureAwait(false))
                .Select(s => s with { Versions = [.. s.Versions.Select(v => v with { RegisteredAt = null })] }));
        }

        return new ActorBroker.Management.Resources.Definitions(
            OverviewEndpoints.Version,
            [.. users.Users.List().Select(UserStore.ToDefinition)],
            [.. vhosts.Select(v => new VirtualHostDefinition(v))],
            queues,
            exchanges,
            bindings,
            policies,
            Permissions(users, vhosts),
            schemas);
    }

    private static List<PermissionDefinition> Permissions(UserStore users, IReadOnlyList<string> vhosts)
    {
        var full = VirtualHostPermissions.Full;
        var unrestricted = users.Users.List()
            .Where(u => !users.Users.Permissions.IsRestricted(u.Name))
            .SelectMany(u => vhosts.Select(v => UserStore.ToDefinition(u.Name, v, full)));
        return [.. users.ListPermissions().Concat(unrestricted)
            .OrderBy(p => p.User, StringComparer.Ordinal)
            .ThenBy(p => p.Vhost, StringComparer.Ordinal)];
    }

    /// <summary>Names starting with <c>amq.</c> belong to the server: clients may not declare them.</summary>
    public static bool IsReserved(string name) => name.StartsWith("amq.", StringComparison.Ordinal);

    private static BindingDefinition ToDefinition(Binding binding, string vhost) => new(
        vhost,
        binding.Source,
        binding.Destination.Name,
        binding.Destination.Kind == DestinationKind.Queue ? "queue" : "exchange",
        binding.RoutingKey,
        FieldValueJson.ToJson(binding.Arguments));
}
