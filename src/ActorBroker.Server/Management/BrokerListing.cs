using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Management;
using ActorBroker.Broker.Routing;

namespace ActorBroker.Server.Management;

/// <summary>
/// Lists over one virtual host, or over all of them when <c>vhost</c> is null; in the second case a virtual
/// host deleted while the list is gathered is left out instead of failing the request.
/// </summary>
internal static class BrokerListing
{
    public static Task<List<QueueInfo>> QueuesAsync(this BrokerAdmin admin, string? vhost) =>
        GatherAsync(admin, vhost, admin.ListQueuesAsync, (_, info) => info);

    public static Task<List<ExchangeInfo>> ExchangesAsync(this BrokerAdmin admin, string? vhost) =>
        GatherAsync(admin, vhost, admin.ListExchangesAsync, (_, info) => info);

    public static Task<List<(string Vhost, Binding Binding)>> BindingsAsync(this BrokerAdmin admin, string? vhost) =>
        GatherAsync(admin, vhost, admin.ListBindingsAsync, (host, binding) => (host, binding));

    public static Task<List<ConsumerInfo>> ConsumersAsync(this BrokerAdmin admin, string? vhost) =>
        GatherAsync(admin, vhost, admin.ListConsumersAsync, (_, info) => info);

    /// <summary>What <paramref name="list"/> gives for one virtual host, or for all of them when <paramref name="vhost"/> is null.</summary>
    public static Task<List<T>> GatherAsync<T>(this BrokerAdmin admin, string? vhost, Func<string, Task<IReadOnlyList<T>>> list) =>
        GatherAsync(admin, vhost, list, (_, item) => item);

    private static async Task<List<TResult>> GatherAsync<TItem, TResult>(
        BrokerAdmin admin, string? vhost, Func<string, Task<IReadOnlyList<TItem>>> list, Func<string, TItem, TResult> select)
    {
        if (vhost is not null)
        {
            return [.. (await list(vhost).ConfigureAwait(false)).Select(item => select(vhost, item))];
        }

        var all = new List<TResult>();
        foreach (var host in await admin.ListVirtualHostsAsync().ConfigureAwait(false))
        {
            try
            {
                all.AddRange((await list(host).ConfigureAwait(false)).Select(item => select(host, item)));
            }
            catch (BrokerException e) when (e.Code == BrokerErrorCode.NotFound)
            {
                // Deleted since it was listed.
            }
        }

        return all;
    }
}
