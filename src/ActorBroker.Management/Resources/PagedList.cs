namespace ActorBroker.Management.Resources;

/// <summary>
/// One page of a long list. Pages count from 1; <paramref name="FilteredCount"/> is the number of items that
/// match the name filter, <paramref name="TotalCount"/> the number before filtering.
/// </summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int PageCount, int FilteredCount, int TotalCount);
