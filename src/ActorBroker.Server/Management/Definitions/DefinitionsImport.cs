using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Routing;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>
/// The second half of an import: applies a validated <see cref="ImportPlan"/> in dependency order (users,
/// virtual hosts, permissions, schemas, policies, exchanges, queues, bindings), so that queues are declared under the imported policies
/// and bindings find both ends. Applying is idempotent: what exists already is declared again harmlessly. A step
/// that fails (a concurrent change made an object differ, the journal failed) stops the import there: the steps
/// before it stay applied, none after it is tried, and the error names the object.
/// </summary>
internal static class DefinitionsImport
{
    public static async Task<ImportResult> ApplyAsync(ImportPlan plan, MessageBroker broker, UserStore users)
    {
        var createdUsers = 0;
        foreach (var user in plan.Users)
        {
            // A document with permissions says all of them, so the users it creates have those alone; one from before
            // permissions existed says none, and its users keep the full permissions they had then.
            createdUsers += await users.PutAsync(user, restrictNew: plan.Permissions is not null).ConfigureAwait(false) ? 1 : 0;
        }

        foreach (var vhost in plan.NewVhosts)
        {
            await broker.AddVirtualHostAsync(vhost).ConfigureAwait(false);
        }

        var createdPermissions = 0;
        foreach (var permission in plan.Permissions ?? [])
        {
            // Exports list an unrestricted user's full permissions in every host; it has them already, and setting them
            // would take away its full permissions in hosts created later.
            if (!users.Users.Permissions.IsRestricted(permission.User) && permission.Permissions.AllowsEverything)
            {
                continue;
            }

            createdPermissions += await users.SetPermissionsAsync(permission.User, permission.Vhost, permission.Permissions).ConfigureAwait(false) ? 1 : 0;
        }

        foreach (var schema in plan.Schemas)
        {
            // A version the node has already (any of its versions) is not registered again: importing twice adds nothing.
            var known = await broker.Schemas.VersionsAsync(schema.Vhost, schema.Name).ConfigureAwait(false);
            foreach (var document in schema.Documents.Where(d => !known.Any(k => k.SameDocument(d))))
            {
                await StepAsync(schema.ToString(), () => broker.Schemas.RegisterAsync(schema.Vhost, schema.Name, document)).ConfigureAwait(false);
            }
        }

        foreach (var (vhost, policy, _) in plan.Policies)
        {
            await StepAsync($"policy '{policy.Name}' in virtual host '{vhost}'", () => broker.Policies.SetAsync(vhost, policy)).ConfigureAwait(false);
        }

        var sessions = new Dictionary<string, BrokerSession>(StringComparer.Ordinal);
        try
        {
            async Task<BrokerChannel> ChannelAsync(string vhost)
            {
                if (!sessions.TryGetValue(vhost, out var session))
                {
                    session = await BrokerSession.OpenAsync(broker, vhost).ConfigureAwait(false);
                    sessions[vhost] = session;
                }

                return session.Channel;
            }

            foreach (var exchange in plan.Exchanges)
            {
                var channel = await ChannelAsync(exchange.Vhost).ConfigureAwait(false);
                await StepAsync(exchange.ToString(), () => channel.DeclareExchangeAsync(exchange.Name, exchange.Settings)).ConfigureAwait(false);
            }

            foreach (var queue in plan.Queues)
            {
                var channel = await ChannelAsync(queue.Vhost).ConfigureAwait(false);
                await StepAsync(queue.ToString(), () => channel.DeclareQueueAsync(queue.Name, queue.Declaration)).ConfigureAwait(false);
            }

            foreach (var planned in plan.Bindings)
            {
                var channel = await ChannelAsync(planned.Vhost).ConfigureAwait(false);
                var binding = planned.Binding;
                await StepAsync(planned.ToString(), () => binding.Destination.Kind == DestinationKind.Queue
                    ? channel.BindQueueAsync(binding.Destination.Name, binding.Source, binding.RoutingKey, binding.Arguments)
                    : channel.BindExchangeAsync(binding.Destination.Name, binding.Source, binding.RoutingKey, binding.Arguments)).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var session in sessions.Values)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        return new ImportResult(
            createdUsers,
            plan.NewVhosts.Count,
            plan.Queues.Count(q => !q.Exists),
            plan.Exchanges.Count(e => !e.Exists),
            plan.Bindings.Count(b => !b.Exists),
            plan.Policies.Count(p => !p.Exists),
            createdPermissions,
            plan.Schemas.Count(s => !s.Exists));
    }

    private static async Task StepAsync(string item, Func<Task> step)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (BrokerException failed)
        {
            throw new BrokerException(failed.Code,
                $"Importing the {item} failed: {failed.Message} What came before it in the order users, vhosts, permissions, schemas, policies, exchanges, queues, bindings is applied; nothing after it was.",
                failed);
        }
    }
}
