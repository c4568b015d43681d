namespace ActorBroker.Management.Resources;

/// <summary>GET /api/overview: the node at a glance.</summary>
public sealed record Overview(
    string Node,
    string Version,
    string AkkaAddress,
    double UptimeSeconds,
    MessageTotals Totals,
    MessageRates Rates,
    ObjectCounts Counts);

/// <summary>Messages held by the node's queues.</summary>
public sealed record MessageTotals(long Messages, long MessagesReady, long MessagesUnacknowledged);

/// <summary>Messages per second, summed over queues, measured between two readings of the node.</summary>
public sealed record MessageRates(double Publish, double Deliver, double Ack);

/// <summary>How many of each object the node has.</summary>
public sealed record ObjectCounts(int VirtualHosts, int Queues, int Exchanges, int Bindings, int Consumers, int Connections, int Channels);
