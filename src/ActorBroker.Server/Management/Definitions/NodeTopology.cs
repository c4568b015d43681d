using ActorBroker.Broker.Client;
using ActorBroker.Broker.Management;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Server.Management.Definitions;

/// <summary>What a node holds already, read once per virtual host that an import touches.</summary>
internal sealed class NodeTopology
{
    private readonly MessageBroker _broker;
    private readonly Dictionary<string, Host> _hosts = new(StringComparer.Ordinal);

    private NodeTopology(MessageBroker broker, IReadOnlyList<string> vhosts)
    {
        _broker = broker;
        Vhosts = vhosts.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlySet<string> Vhosts { get; }

    public static async Task<NodeTopology> ReadAsync(MessageBroker broker) =>
        new(broker, await broker.Admin.ListVirtualHostsAsync().ConfigureAwait(false));

    /// <summary>
    /// The virtual host's queues, exchanges, bindings and policy names; for a host the node does not have yet, what
    /// it will have once created: the predeclared exchanges.
    /// </summary>
    public async Task<Host> HostAsync(string vhost)
    {
        if (_hosts.TryGetValue(vhost, out var known))
        {
            return known;
        }

        var host = Vhosts.Contains(vhost)
            ? await ReadHostAsync(vhost).ConfigureAwait(false)
            : new Host([], BrokerAdmin.PredeclaredExchanges(vhost).ToDictionary(e => e.Name, e => e.Settings, StringComparer.Ordinal), [], [], []);
        _hosts[vhost] = host;
        return host;
    }

    private async Task<Host> ReadHostAsync(string vhost)
    {
        var admin = _broker.Admin;
        var queues = (await admin.ListQueueDeclarationsAsync(vhost).ConfigureAwait(false)).ToDictionary(q => q.Name, q => q.Declaration, StringComparer.Ordinal);
        var exchanges = (await admin.ListExchangesAsync(vhost).ConfigureAwait(false)).ToDictionary(e => e.Name, e => e.Settings, StringComparer.Ordinal);
        var bindings = (await admin.ListBindingsAsync(vhost).ConfigureAwait(false)).ToHashSet();
        var policies = (await _broker.Policies.ListAsync(vhost).ConfigureAwait(false)).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var schemas = (await _broker.Schemas.ListAsync(vhost).ConfigureAwait(false)).Select(s => s[0].Name).ToHashSet(StringComparer.Ordinal);
        return new Host(queues, exchanges, bindings, policies, schemas);
    }

    public sealed record Host(
        Dictionary<string, QueueDeclaration> Queues,
        Dictionary<string, ExchangeSettings> Exchanges,
        HashSet<Binding> Bindings,
        HashSet<string> Policies,
        HashSet<string> Schemas);
}
