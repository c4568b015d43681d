namespace ActorBroker.Management.Client;

/// <summary>Builds request paths with every segment URL-escaped, so names with '/', spaces or '#' survive.</summary>
internal static class ApiPath
{
    /// <summary>The path name of the default exchange, whose real name is empty.</summary>
    public const string DefaultExchange = "amq.default";

    public static string Of(params ReadOnlySpan<string> segments)
    {
        var path = "api";
        foreach (var segment in segments)
            path += "/" + Uri.EscapeDataString(segment);
        return path;
    }

    /// <summary>A list path scoped to a vhost, or across all vhosts when it is null.</summary>
    public static string List(string resource, string? vhost) => vhost is null ? Of(resource) : Of(resource, vhost);

    public static string Exchange(string name) => name.Length == 0 ? DefaultExchange : name;
}
