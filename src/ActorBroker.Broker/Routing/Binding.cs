using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Routing;

/// <summary>A route from an exchange to a destination, identified by all four parts.</summary>
public sealed record Binding(string Source, Destination Destination, string RoutingKey, Headers? Arguments)
{
    public bool Equals(Binding? other) =>
        other is not null
        && string.Equals(Source, other.Source, StringComparison.Ordinal)
        && Destination == other.Destination
        && string.Equals(RoutingKey, other.RoutingKey, StringComparison.Ordinal)
        && ArgumentsEqual(Arguments, other.Arguments);

    public override int GetHashCode() => HashCode.Combine(Source, Destination, RoutingKey);

    private static bool ArgumentsEqual(Headers? a, Headers? b) =>
        (a is null || a.Count == 0) ? (b is null || b.Count == 0) : a.ContentEquals(b);
}
