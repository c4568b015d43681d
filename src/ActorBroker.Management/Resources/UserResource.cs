namespace ActorBroker.Management.Resources;

/// <summary>GET /api/whoami: the authenticated user and its tags (administrator, monitoring…).</summary>
public sealed record WhoAmI(string Name, IReadOnlyList<string> Tags);

/// <summary>GET /health/live and /health/ready: "live", "ready", or "recovering" (503).</summary>
public sealed record HealthStatus(string Status);
