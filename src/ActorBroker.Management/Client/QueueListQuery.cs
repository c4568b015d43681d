namespace ActorBroker.Management.Client;

/// <summary>
/// Paging, sorting and filtering of a queue list. <paramref name="Sort"/> is a snake_case property of the queue
/// resource (name, messages, consumers…); <paramref name="NameContains"/> keeps queues whose name contains it.
/// </summary>
public sealed record QueueListQuery(int Page = 1, int PageSize = 100, string Sort = "name", bool SortReverse = false, string? NameContains = null)
{
    internal string ToQueryString()
    {
        var query = $"?page={Page}&page_size={PageSize}&sort={Uri.EscapeDataString(Sort)}&sort_reverse={(SortReverse ? "true" : "false")}";
        return NameContains is null ? query : query + "&name=" + Uri.EscapeDataString(NameContains);
    }
}
