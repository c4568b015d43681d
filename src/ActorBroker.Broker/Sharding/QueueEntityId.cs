namespace ActorBroker.Broker.Sharding;

/// <summary>
/// A durable queue's entity id: its virtual host, its name and its journal's persistence id, escaped and joined by '/'.
/// The persistence id names one declaration, so a queue deleted and declared again is a new entity; the host and name
/// let the entity find its declaration in its node's replica without a scan.
/// </summary>
internal readonly record struct QueueEntityId(string VirtualHost, string Name, string PersistenceId)
{
    public static string Of(string virtualHost, string name, string persistenceId) =>
        $"{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(name)}/{persistenceId}";

    /// <exception cref="FormatException">Not an entity id written by <see cref="Of"/>.</exception>
    public static QueueEntityId Parse(string entityId)
    {
        var parts = entityId.Split('/', 3);
        return parts.Length == 3 && parts[2].Length > 0
            ? new QueueEntityId(Uri.UnescapeDataString(parts[0]), Uri.UnescapeDataString(parts[1]), parts[2])
            : throw new FormatException($"'{entityId}' is not a queue entity id.");
    }
}
