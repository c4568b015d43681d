using ActorBroker.Broker.Client;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Cluster;
using Microsoft.AspNetCore.Http;

namespace ActorBroker.Server.Management;

/// <summary>
/// The paging, sorting and filtering of a queue list: <c>?page=1&amp;page_size=100&amp;sort=name&amp;sort_reverse=false&amp;name=</c>.
/// Sorting and slicing work on the broker's infos; only the page's queues become resources.
/// </summary>
internal sealed record QueueListQuery(int Page, int PageSize, string Sort, bool SortReverse, string? NameFilter)
{
    public const int MaxPageSize = 500;
    private const int DefaultPageSize = 100;

    private static readonly Dictionary<string, Func<QueueInfo, double>> s_numericKeys = new(StringComparer.Ordinal)
    {
        ["messages"] = i => i.TotalMessages(),
        ["messages_ready"] = i => i.Ready,
        ["messages_unacknowledged"] = i => i.Unacked,
        ["message_bytes_ready"] = i => i.ReadyBytes,
        ["consumers"] = i => i.Consumers,
        ["publish_rate"] = i => i.PublishRate,
        ["deliver_rate"] = i => i.DeliverRate,
        ["ack_rate"] = i => i.AckRate,
    };

    /// <exception cref="ApiException">400: a parameter is malformed or out of range (names it).</exception>
    public static QueueListQuery From(HttpRequest request)
    {
        var query = request.Query;
        var page = ApiQuery.Integer(request, "page", 1, 1, int.MaxValue);
        var pageSize = ApiQuery.Integer(request, "page_size", DefaultPageSize, 1, MaxPageSize);
        var sort = query["sort"].ToString() is { Length: > 0 } key ? key : "name";
        if (sort != "name" && !s_numericKeys.ContainsKey(sort))
        {
            throw ApiException.BadRequest($"sort = '{sort}': expected name or one of {string.Join(", ", s_numericKeys.Keys)}.");
        }

        var reverse = ApiQuery.Flag(request, "sort_reverse");
        var name = query["name"].ToString();
        return new QueueListQuery(page, pageSize, sort, reverse, name.Length == 0 ? null : name);
    }

    /// <summary>The page of <paramref name="queues"/> this query asks for, each queue with its node named by <paramref name="nodes"/>.</summary>
    /// <exception cref="ApiException">400: the page is beyond the last one.</exception>
    public PagedList<QueueResource> Apply(IReadOnlyList<QueueInfo> queues, ClusterNodes nodes)
    {
        var filtered = NameFilter is null ? [.. queues] : queues.Where(q => q.Name.Contains(NameFilter, StringComparison.Ordinal)).ToList();
        var pageCount = (filtered.Count + PageSize - 1) / PageSize;
        if (Page > Math.Max(pageCount, 1))
        {
            throw ApiException.BadRequest($"page = {Page} is beyond the last page, {pageCount} (of {PageSize} queues each).");
        }

        filtered.Sort(Comparison());
        var items = filtered.Skip((Page - 1) * PageSize).Take(PageSize).Select(q => q.ToResource(nodes)).ToList();
        return new PagedList<QueueResource>(items, Page, PageSize, pageCount, filtered.Count, queues.Count);
    }

    // Ties are broken by name and then virtual host, so that paging through equal values is stable.
    private Comparison<QueueInfo> Comparison()
    {
        var direction = SortReverse ? -1 : 1;
        if (!s_numericKeys.TryGetValue(Sort, out var key))
        {
            return (a, b) => direction * ByName(a, b);
        }

        return (a, b) =>
        {
            var byKey = key(a).CompareTo(key(b));
            return byKey != 0 ? direction * byKey : ByName(a, b);
        };
    }

    private static int ByName(QueueInfo a, QueueInfo b)
    {
        var byName = string.CompareOrdinal(a.Name, b.Name);
        return byName != 0 ? byName : string.CompareOrdinal(a.VirtualHost, b.VirtualHost);
    }
}
