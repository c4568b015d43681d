using ActorBroker.Broker.Client;
using ActorBroker.Broker.Sharding;

namespace ActorBroker.Broker.Tests.Sharding;

public class ShardIdTests
{
    [Fact]
    public void A_queue_name_maps_to_the_same_shard_on_every_node()
    {
        // Fixed values: string.GetHashCode would differ between processes, FNV-1a does not.
        Assert.Equal(ShardId.Of("orders", 16), ShardId.Of("orders", 16));
        Assert.Equal(1772, ShardId.Of("orders", 4096));
        Assert.InRange(ShardId.Of("anything", 16), 0, 15);
    }

    [Fact]
    public void Consumer_retry_backoff_doubles_up_to_its_maximum()
    {
        var policy = new ConsumerRetryPolicy(InitialBackoff: TimeSpan.FromMilliseconds(100), MaxBackoff: TimeSpan.FromMilliseconds(350));

        Assert.Equal([100, 200, 350, 350], new[] { 1, 2, 3, 10 }.Select(a => policy.BackoffFor(a).TotalMilliseconds));
    }
}
