namespace ActorBroker.Cli.Perf;

/// <summary>The declaration and consume arguments of the stream workloads.</summary>
internal static class StreamArguments
{
    public static Dictionary<string, object?> Declare => new() { ["x-queue-type"] = "stream" };

    public static Dictionary<string, object?> FromFirst => new() { ["x-stream-offset"] = "first" };
}
