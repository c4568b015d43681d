using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Management;

public sealed partial class BrokerAdmin
{
    private static readonly ExchangeSettings s_defaultExchange = new(ExchangeType.Direct, Durable: true);

    /// <summary>The exchanges of a virtual host: the default exchange (named "") first, then the others by name, <c>amq.*</c> included.</summary>
    public async Task<IReadOnlyList<ExchangeInfo>> ListExchangesAsync(string vhost)
    {
        var host = await FindAsync(vhost).ConfigureAwait(false);
        var exchanges = new List<ExchangeInfo> { new(host.Name, "", s_defaultExchange) };
        exchanges.AddRange(host.Routing.Exchanges
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => new ExchangeInfo(host.Name, e.Name, e.Settings)));
        return exchanges;
    }

    /// <summary>
    /// The bindings of a virtual host, exchange-to-exchange ones included. As RabbitMQ lists them, the implicit
    /// binding of the default exchange ("") to every queue, keyed by the queue's name, comes first.
    /// </summary>
    public async Task<IReadOnlyList<Binding>> ListBindingsAsync(string vhost)
    {
        var routing = (await FindAsync(vhost).ConfigureAwait(false)).Routing;
        var bindings = new List<Binding>(routing.QueueCount);
        bindings.AddRange(routing.Queues
            .Select(q => q.Name)
            .Order(StringComparer.Ordinal)
            .Select(q => new Binding("", Destination.Queue(q), q, null)));
        bindings.AddRange(routing.Bindings);
        return bindings;
    }
}
