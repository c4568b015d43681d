using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.Streams;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Management;

public sealed partial class BrokerAdmin
{
    /// <summary>The consumer groups of a stream, each with its committed offset, lag, members and active member; by name.</summary>
    /// <exception cref="BrokerException">No such virtual host or stream (not found).</exception>
    public async Task<IReadOnlyList<ConsumerGroupInfo>> ListConsumerGroupsAsync(string vhost, string stream)
    {
        var host = await FindAsync(vhost).ConfigureAwait(false);
        if (!host.Routing.TryGetQueue(stream, out var found) || found is not QueueEndpoint { Arguments.Type: QueueType.Stream } endpoint)
        {
            throw BrokerException.NotFound($"No stream '{stream}' in virtual host '{host.Name}'.");
        }

        var groups = await AskQueueAsync<ConsumerGroupInfo[]>(endpoint, new StreamProtocol.ListConsumerGroups()).ConfigureAwait(false) ?? [];
        return [.. groups.OrderBy(g => g.Group, StringComparer.Ordinal)];
    }

    /// <summary>The partitions of a super stream (the streams bound to it as partition 0, 1, …), in order.</summary>
    /// <exception cref="BrokerException">No such virtual host or super stream (not found).</exception>
    public async Task<IReadOnlyList<string>> ListPartitionsAsync(string vhost, string superStream)
    {
        var host = await FindAsync(vhost).ConfigureAwait(false);
        if (!host.Routing.TryGetExchange(superStream, out var exchange) || exchange.Settings.Type != ExchangeType.SuperStream)
        {
            throw BrokerException.NotFound($"No super stream '{superStream}' in virtual host '{host.Name}'.");
        }

        return [.. exchange.Router.Bindings
            .Where(b => b.Destination.Kind == DestinationKind.Queue && int.TryParse(b.RoutingKey, out _))
            .OrderBy(b => int.Parse(b.RoutingKey, System.Globalization.CultureInfo.InvariantCulture))
            .Select(b => b.Destination.Name)];
    }
}
