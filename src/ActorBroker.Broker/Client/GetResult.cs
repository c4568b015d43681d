namespace ActorBroker.Broker.Client;

/// <summary>The answer to a basic get: a delivery, or none, with the ready messages left behind it.</summary>
public sealed record GetResult(Delivery? Delivery, int MessageCount)
{
    public bool IsEmpty => Delivery is null;
}
