namespace ActorBroker.Server.Listeners;

/// <summary>
/// A user of the node (AMQP and the management API): its password hash, its tags (administrator may do
/// everything in the management API, monitoring may read it), and whether it may connect only from loopback.
/// </summary>
public sealed record NodeUser(string Name, PasswordHash Hash, IReadOnlyList<string> Tags, bool LoopbackOnly = false)
{
    public const string AdministratorTag = "administrator";
    public const string MonitoringTag = "monitoring";

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>May change anything through the management API.</summary>
    public bool IsAdministrator => HasTag(AdministratorTag);

    /// <summary>May read the management API (administrators may too).</summary>
    public bool CanMonitor => IsAdministrator || HasTag(MonitoringTag);
}
