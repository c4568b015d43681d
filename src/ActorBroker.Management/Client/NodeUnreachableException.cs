namespace ActorBroker.Management.Client;

/// <summary>
/// The management API could not be reached at all: connection refused, unknown host, or no answer in time.
/// The message names the URL and the cause in one line.
/// </summary>
public sealed class NodeUnreachableException(Uri url, string cause, Exception? inner = null)
    : Exception($"node not reachable at {url}: {cause}", inner)
{
    public Uri Url { get; } = url;
}
