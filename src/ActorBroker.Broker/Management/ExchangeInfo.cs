using ActorBroker.Broker.Routing;

namespace ActorBroker.Broker.Management;

/// <summary>An exchange of a virtual host; the default exchange has the empty name.</summary>
public sealed record ExchangeInfo(string VirtualHost, string Name, ExchangeSettings Settings);
