namespace ActorBroker.Server.Management;

/// <summary>Names of virtual hosts, queues and exchanges as they appear in the API's paths.</summary>
public static class ApiNames
{
    /// <summary>The default exchange's name in paths; its real name is empty.</summary>
    public const string DefaultExchange = "amq.default";

    /// <summary>
    /// A path segment as a name. The server decodes every escape of a path but %2F (which would split the
    /// path), so "/" arrives still escaped: "%2F" is the default virtual host.
    /// </summary>
    public static string FromPath(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An exchange name from a path segment: <see cref="DefaultExchange"/> is the default exchange "".</summary>
    public static string ExchangeFromPath(string segment)
    {
        var name = FromPath(segment);
        return name == DefaultExchange ? string.Empty : name;
    }
}
