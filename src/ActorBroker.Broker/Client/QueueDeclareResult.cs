namespace ActorBroker.Broker.Client;

/// <summary>The answer to a queue declaration: the (possibly server-generated) name and current counts.</summary>
public sealed record QueueDeclareResult(string QueueName, int MessageCount, int ConsumerCount);
