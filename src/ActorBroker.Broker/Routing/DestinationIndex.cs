namespace ActorBroker.Broker.Routing;

/// <summary>
/// Recomputes the destinations under one key after an unbind. Two bindings can share key and destination
/// (they differ in arguments), so removing one must not drop a destination the other still routes to.
/// </summary>
internal static class DestinationIndex
{
    public static void Rebuild(Dictionary<string, List<Destination>> index, string key, IReadOnlyList<Binding> bindings)
    {
        List<Destination>? destinations = null;
        foreach (var binding in bindings)
        {
            if (string.Equals(binding.RoutingKey, key, StringComparison.Ordinal))
            {
                destinations ??= [];
                if (!destinations.Contains(binding.Destination))
                {
                    destinations.Add(binding.Destination);
                }
            }
        }

        if (destinations is null)
        {
            index.Remove(key);
        }
        else
        {
            index[key] = destinations;
        }
    }
}
