namespace ActorBroker.Broker.Sharding;

/// <summary>
/// Maps a queue name (or a queue entity id) to its shard. FNV-1a rather than string.GetHashCode, which is randomized per process:
/// every node of a cluster must compute the same shard for a name.
/// </summary>
internal static class ShardId
{
    public static int Of(string name, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }
}
