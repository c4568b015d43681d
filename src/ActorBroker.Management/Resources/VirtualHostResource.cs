namespace ActorBroker.Management.Resources;

/// <summary>GET /api/vhosts: a virtual host and the messages its queues hold.</summary>
public sealed record VirtualHostResource(string Name, long Messages, long MessagesReady, long MessagesUnacknowledged);
