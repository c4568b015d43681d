using ActorBroker.Broker.Sharding;
using Akka.Actor;
using Akka.Cluster;

namespace ActorBroker.Broker.Tests.Sharding;

public sealed class ShardHomeTests
{
    private static readonly Address[] s_nodes = [.. Enumerable.Range(0, 5).Select(i => new Address("akka.tcp", "broker", "127.0.0.1", 2551 + i))];
    private static readonly string[] s_shards = [.. Enumerable.Range(0, 1000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void Every_node_names_the_same_home_whatever_order_it_lists_the_candidates_in()
    {
        foreach (var shard in s_shards)
        {
            Assert.Equal(ShardHome.Choose(shard, s_nodes), ShardHome.Choose(shard, s_nodes.Reverse()));
        }
    }

    [Fact]
    public void Losing_a_node_moves_only_its_own_shards_and_spreads_them_over_the_others()
    {
        var before = s_shards.ToDictionary(shard => shard, shard => ShardHome.Choose(shard, s_nodes));
        var survivors = s_nodes.Skip(1).ToList();

        var after = s_shards.ToDictionary(shard => shard, shard => ShardHome.Choose(shard, survivors));

        Assert.All(s_shards.Where(shard => !before[shard].Equals(s_nodes[0])), shard => Assert.Equal(before[shard], after[shard]));
        var moved = s_shards.Where(shard => before[shard].Equals(s_nodes[0])).GroupBy(shard => after[shard]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(survivors.Count, moved.Count);
        // 1,000 shards over 5 nodes: about 200 each, so about 50 of the lost node's to each survivor.
        Assert.All(s_nodes, node => Assert.InRange(before.Values.Count(home => home.Equals(node)), 150, 250));
        Assert.All(moved.Values, count => Assert.InRange(count, 20, 90));
    }

    [Fact]
    public void The_majority_side_takes_over_a_node_it_lost_and_a_minority_never_does()
    {
        var three = State(s_nodes.Take(3), unreachable: []);

        Assert.Equal(s_nodes.Skip(1).Take(2), ShardHome.Survivors(three, lost: s_nodes[0]));
        // The node cut off alone sees both others unreachable.
        Assert.Empty(ShardHome.Survivors(State(s_nodes.Take(3), unreachable: [s_nodes[1], s_nodes[2]]), lost: s_nodes[1]));
        // Half is no majority: with two nodes, the resolver decides.
        Assert.Empty(ShardHome.Survivors(State(s_nodes.Take(2), unreachable: []), lost: s_nodes[1]));
        // Five nodes, two lost: three are still a majority.
        Assert.Equal(s_nodes.Skip(2), ShardHome.Survivors(State(s_nodes, unreachable: [s_nodes[0]]), lost: s_nodes[1]));
    }

    private static List<(Address, MemberStatus, bool)> State(IEnumerable<Address> up, IEnumerable<Address> unreachable) =>
        [.. up.Select(node => (node, MemberStatus.Up, !unreachable.Contains(node)))];
}
