using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management.Endpoints;
using static ActorBroker.Server.Management.Definitions.ImportPlan;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// The first half of an import: checks a whole document before anything is applied. A malformed item or a
/// reference to something neither in the document nor on the node is a 400 naming the item; a queue or exchange
/// the node has with other settings is a 409 naming it.
/// </summary>
internal static class DefinitionsValidation
{
    /// <exception cref="ApiException">400 or 409, naming the first offending item.</exception>
    public static async Task<ImportPlan> PlanAsync(ActorBroker.Management.Resources.Definitions document, MessageBroker broker, ConfiguredUsers nodeUsers)
    {
        var node = await NodeTopology.ReadAsync(broker).ConfigureAwait(false);
        var vhosts = Vhosts(document.Vhosts ?? []);
        var known = vhosts.Concat(node.Vhosts).ToHashSet(StringComparer.Ordinal);
        void RequireVhost(string? vhost, object item)
        {
            if (string.IsNullOrEmpty(vhost) || !known.Contains(vhost))
            {
                throw ApiException.BadRequest($"The {item} names virtual host '{vhost}', which is neither in the document's vhosts nor on the node.");
            }
        }

        var users = Users(document.Users ?? []);
        List<PlannedPermission>? permissions = null;
        if (document.Permissions is { } listed)
        {
            permissions = [];
            foreach (var definition in Unique(listed, p => (p.User, p.Vhost), p => $"permissions of user '{p.User}' in virtual host '{p.Vhost}'"))
            {
                RequireVhost(definition.Vhost, $"permissions of user '{definition.User}'");
                if (string.IsNullOrEmpty(definition.User) || (!users.Any(u => u.Name == definition.User) && nodeUsers.Find(definition.User) is null))
                {
                    throw ApiException.BadRequest($"The permissions in virtual host '{definition.Vhost}' name user '{definition.User}', who is neither in the document's users nor on the node.");
                }

                permissions.Add(new PlannedPermission(definition.User, definition.Vhost!, PermissionsEndpoints.Parse(definition)));
            }
        }

        var schemas = new List<PlannedSchema>();
        foreach (var definition in Unique(document.Schemas ?? [], s => (s.Vhost, s.Name), s => $"schema '{s.Name}' in virtual host '{s.Vhost}'"))
        {
            RequireVhost(definition.Vhost, $"schema '{definition.Name}'");
            var schema = Schema(definition);
            schemas.Add(schema with { Exists = (await node.HostAsync(schema.Vhost).ConfigureAwait(false)).Schemas.Contains(schema.Name) });
        }

        var policies = new List<PlannedPolicy>();
        foreach (var definition in Unique(document.Policies ?? [], p => (p.Vhost, p.Name), p => $"policy '{p.Name}' in virtual host '{p.Vhost}'"))
        {
            RequireVhost(definition.Vhost, $"policy '{definition.Name}'");
            var policy = PolicyResources.ToPolicy(definition);
            policies.Add(new PlannedPolicy(definition.Vhost, policy, (await node.HostAsync(definition.Vhost).ConfigureAwait(false)).Policies.Contains(policy.Name)));
        }

        var exchanges = new List<PlannedExchange>();
        foreach (var definition in Unique(document.Exchanges ?? [], e => (e.Vhost, e.Name), e => $"exchange '{e.Name}' in virtual host '{e.Vhost}'"))
        {
            var exchange = Exchange(definition);
            RequireVhost(exchange.Vhost, exchange);
            exchanges.Add(exchange with { Exists = Existing(exchange, (await node.HostAsync(exchange.Vhost).ConfigureAwait(false)).Exchanges) });
        }

        var queues = new List<PlannedQueue>();
        foreach (var definition in Unique(document.Queues ?? [], q => (q.Vhost, q.Name), q => $"queue '{q.Name}' in virtual host '{q.Vhost}'"))
        {
            var queue = Queue(definition);
            RequireVhost(queue.Vhost, queue);
            queues.Add(queue with { Exists = Existing(queue, (await node.HostAsync(queue.Vhost).ConfigureAwait(false)).Queues) });
        }

        var bindings = new List<PlannedBinding>();
        foreach (var definition in document.Bindings ?? [])
        {
            var binding = Binding(definition);
            RequireVhost(binding.Vhost, binding);
            var host = await node.HostAsync(binding.Vhost).ConfigureAwait(false);
            RequireExchange(binding, binding.Binding.Source, exchanges, host);
            if (binding.Binding.Destination.Kind == DestinationKind.Exchange)
            {
                RequireExchange(binding, binding.Binding.Destination.Name, exchanges, host);
            }
            else if (!host.Queues.ContainsKey(binding.Binding.Destination.Name)
                && !queues.Any(q => q.Vhost == binding.Vhost && q.Name == binding.Binding.Destination.Name))
            {
                throw ApiException.BadRequest($"The {binding} points at queue '{binding.Binding.Destination.Name}', which is neither in the document nor on the node.");
            }

            bindings.Add(binding with { Exists = host.Bindings.Contains(binding.Binding) });
        }

        return new ImportPlan(users, [.. vhosts.Where(v => !node.Vhosts.Contains(v))], policies, exchanges, queues, bindings, permissions, schemas);
    }

    /// <exception cref="ApiException">400: a schema without a name or versions, or a version that is not a JSON Schema.</exception>
    private static PlannedSchema Schema(SchemaResource definition)
    {
        var where = $"schema '{definition.Name}' in virtual host '{definition.Vhost}'";
        if (string.IsNullOrEmpty(definition.Name) || definition.Versions is not { Count: > 0 } versions)
        {
            throw ApiException.BadRequest($"The {where} needs a name and at least one version.");
        }

        var documents = versions.OrderBy(v => v.Version).Select(v => v.Schema?.ToJsonString() ?? "null").ToList();
        foreach (var document in documents)
        {
            try
            {
                _ = Broker.Schemas.MessageSchema.Create(definition.Name, 1, document, DateTimeOffset.UnixEpoch);
            }
            catch (BrokerException invalid)
            {
                throw ApiException.BadRequest($"The {where}: {invalid.Message}");
            }
        }

        return new PlannedSchema(definition.Vhost, definition.Name, documents, Exists: false);
    }

    private static List<string> Vhosts(IReadOnlyList<VirtualHostDefinition> vhosts)
    {
        foreach (var vhost in vhosts)
        {
            if (string.IsNullOrEmpty(vhost?.Name))
            {
                throw ApiException.BadRequest("A virtual host in the document has no name.");
            }
        }

        return [.. Unique(vhosts, v => v.Name, v => $"virtual host '{v.Name}'").Select(v => v.Name)];
    }

    private static List<NodeUser> Users(IReadOnlyList<UserDefinition> users) =>
        [.. Unique(users, u => u.Name, u => $"user '{u.Name}'").Select(UsersEndpoints.ParseUser)];

    private static PlannedExchange Exchange(ExchangeDefinition definition)
    {
        var where = $"exchange '{definition.Name}' in virtual host '{definition.Vhost}'";
        if (string.IsNullOrEmpty(definition.Name) || DefinitionsExport.IsReserved(definition.Name))
        {
            throw ApiException.BadRequest($"The {where} cannot be imported: the default and the amq.* exchanges are the server's.");
        }

        ExchangeType type;
        try
        {
            type = BrokerResources.ParseType(definition.Type);
        }
        catch (ApiException unknown)
        {
            throw ApiException.BadRequest($"The {where} cannot be imported: {unknown.Message}");
        }

        var arguments = FieldValueJson.ToHeaders(definition.Arguments, $"the {where}: arguments");
        return new PlannedExchange(definition.Vhost, definition.Name, new ExchangeSettings(type, definition.Durable, definition.AutoDelete, definition.Internal, arguments), false);
    }

    private static PlannedQueue Queue(QueueDefinition definition)
    {
        var where = $"queue '{definition.Name}' in virtual host '{definition.Vhost}'";
        if (string.IsNullOrEmpty(definition.Name) || DefinitionsExport.IsReserved(definition.Name))
        {
            throw ApiException.BadRequest($"The {where} cannot be imported: it needs a name, and amq.* names are the server's.");
        }

        var arguments = FieldValueJson.ToHeaders(definition.Arguments, $"the {where}: arguments");
        try
        {
            QueueArguments.Parse(arguments);
        }
        catch (BrokerException invalid)
        {
            throw ApiException.BadRequest($"The {where} is not valid: {invalid.Message}");
        }

        return new PlannedQueue(definition.Vhost, definition.Name, new QueueDeclaration(definition.Durable, Exclusive: false, definition.AutoDelete, arguments), false);
    }

    private static PlannedBinding Binding(BindingDefinition definition)
    {
        var destination = definition.DestinationType switch
        {
            "queue" => Destination.Queue(definition.Destination ?? ""),
            "exchange" => Destination.Exchange(definition.Destination ?? ""),
            var other => throw ApiException.BadRequest(
                $"A binding of exchange '{definition.Source}' in virtual host '{definition.Vhost}' has destination_type '{other}'; expected queue or exchange."),
        };
        var where = PlannedBinding.Describe(definition.Vhost, definition.Source, destination, definition.RoutingKey);
        if (string.IsNullOrEmpty(definition.Source))
        {
            throw ApiException.BadRequest($"The {where} cannot be imported: the default exchange binds every queue by its name already.");
        }

        var arguments = FieldValueJson.ToHeaders(definition.Arguments, $"the {where}: arguments");
        return new PlannedBinding(definition.Vhost, new Binding(definition.Source, destination, definition.RoutingKey ?? "", arguments), false);
    }

    private static void RequireExchange(PlannedBinding binding, string exchange, List<PlannedExchange> planned, NodeTopology.Host host)
    {
        if (!host.Exchanges.ContainsKey(exchange) && !planned.Any(e => e.Vhost == binding.Vhost && e.Name == exchange))
        {
            throw ApiException.BadRequest($"The {binding} needs exchange '{exchange}', which is neither in the document nor on the node.");
        }
    }

    private static bool Existing(PlannedExchange exchange, Dictionary<string, ExchangeSettings> existing) =>
        existing.TryGetValue(exchange.Name, out var settings) && (settings.Equivalent(exchange.Settings)
            ? true
            : throw ApiException.PreconditionFailed($"The {exchange} exists with other settings (type={BrokerResources.TypeName(settings.Type)}, durable={settings.Durable}, auto-delete={settings.AutoDelete}, internal={settings.Internal}); nothing was imported."));

    private static bool Existing(PlannedQueue queue, Dictionary<string, QueueDeclaration> existing) =>
        existing.TryGetValue(queue.Name, out var declaration) && (declaration.Equivalent(queue.Declaration)
            ? true
            : throw ApiException.PreconditionFailed($"The {queue} exists with other settings ({declaration}); nothing was imported."));

    private static IEnumerable<T> Unique<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, Func<T, string> describe)
    {
        var seen = new HashSet<TKey>();
        foreach (var item in items)
        {
            if (item is null)
            {
                throw ApiException.BadRequest($"The document holds a null where a {typeof(T).Name} belongs.");
            }

            if (!seen.Add(key(item)))
            {
                throw ApiException.BadRequest($"The document holds {describe(item)} twice.");
            }

            yield return item;
        }
    }
}
