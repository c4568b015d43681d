namespace ActorBroker.Broker.Routing;

/// <summary>Where routed messages for one queue go; the actor layer implements it over the queue's actor.</summary>
internal interface IQueueEndpoint
{
    string Name { get; }
}
