namespace ActorBroker.Broker.Routing;

/// <summary>What a binding points at: a queue or another exchange.</summary>
public readonly record struct Destination(DestinationKind Kind, string Name)
{
    public static Destination Queue(string name) => new(DestinationKind.Queue, name);

    public static Destination Exchange(string name) => new(DestinationKind.Exchange, name);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Name}'";
}

public enum DestinationKind
{
    Queue,
    Exchange,
}
