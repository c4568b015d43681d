using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Management;

public sealed partial class BrokerAdmin
{
    /// <summary>
    /// Every queue of a virtual host (exclusive ones included) with its sizes, counters and rates, by name.
    /// All queues are asked at once; a queue deleted meanwhile is left out.
    /// </summary>
    /// <exception cref="TimeoutException">Some queue did not answer within the broker's operation timeout.</exception>
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(string vhost)
    {
        var host = await FindAsync(vhost).ConfigureAwait(false);
        var infos = await GatherAsync(host, QueueInfoAsync).ConfigureAwait(false);
        var listed = infos.Where(i => i is not null).Select(i => i!).ToList();
        listed.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return listed;
    }

    /// <summary>One queue of a virtual host, exclusive or not.</summary>
    /// <exception cref="BrokerException">No such virtual host, or no such queue in it (not found).</exception>
    public async Task<QueueInfo> GetQueueAsync(string vhost, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var host = await FindAsync(vhost).ConfigureAwait(false);
        return host.Routing.TryGetQueue(name, out var queue) && await QueueInfoAsync(host, (QueueEndpoint)queue).ConfigureAwait(false) is { } info
            ? info
            : throw BrokerException.NotFound($"No queue '{name}' in virtual host '{host.Name}'.");
    }

    /// <summary>The consumers of every queue of a virtual host, by queue name and then in the order they were added.</summary>
    /// <exception cref="TimeoutException">Some queue did not answer within the broker's operation timeout.</exception>
    public async Task<IReadOnlyList<ConsumerInfo>> ListConsumersAsync(string vhost)
    {
        var host = await FindAsync(vhost).ConfigureAwait(false);
        var perQueue = await GatherAsync(host, ConsumersAsync).ConfigureAwait(false);
        return perQueue
            .Where(c => c is { Length: > 0 })
            .SelectMany(c => c!)
            .OrderBy(c => c.Queue, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Asks every queue of the host at once; a queue deleted meanwhile answers null.</summary>
    private static async Task<T?[]> GatherAsync<T>(VirtualHost host, Func<VirtualHost, QueueEndpoint, Task<T?>> ask)
        where T : class
    {
        var queues = host.Routing.Queues.ToList();
        var asks = new Task<T?>[queues.Count];
        for (var i = 0; i < asks.Length; i++)
        {
            asks[i] = ask(host, (QueueEndpoint)queues[i]);
        }

        return await Task.WhenAll(asks).ConfigureAwait(false);
    }

    private async Task<QueueInfo?> QueueInfoAsync(VirtualHost host, QueueEndpoint queue)
    {
        var info = await AskQueueAsync<QueueInfo>(queue, new QueueProtocol.GetInfo()).ConfigureAwait(false);
        return info is null ? null : info with
        {
            VirtualHost = host.Name,
            DeadLetterExchange = queue.Arguments.DeadLetterExchange,
            DeadLetterRoutingKey = queue.Arguments.DeadLetterRoutingKey,
            Owner = queue.Actor.Path.Address,
        };
    }

    private async Task<ConsumerInfo[]?> ConsumersAsync(VirtualHost host, QueueEndpoint queue)
    {
        var specs = await AskQueueAsync<ConsumerSpec[]>(queue, new QueueProtocol.ListConsumers()).ConfigureAwait(false);
        return specs?.Select(s => new ConsumerInfo(
            host.Name, queue.Name, s.Tag, s.ChannelId, BrokerConnection.ConnectionIdOf(s.ChannelId), !s.AutoAck, s.Prefetch, s.Exclusive, s.Priority)).ToArray();
    }

    private async Task<T?> AskQueueAsync<T>(QueueEndpoint queue, object question)
        where T : class
    {
        try
        {
            return await queue.Actor.AskFor<T>(question, Timeout).ConfigureAwait(false);
        }
        catch (BrokerException e) when (e.Code == BrokerErrorCode.NotFound)
        {
            return null;
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"Queue '{queue.Name}' did not answer within {Timeout.TotalSeconds:0.#} s.", e);
        }
    }
}
