using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Management;

/// <summary>A queue as it was declared (its arguments as given, without those a policy adds).</summary>
public sealed record QueueDeclarationInfo(string VirtualHost, string Name, QueueDeclaration Declaration);
