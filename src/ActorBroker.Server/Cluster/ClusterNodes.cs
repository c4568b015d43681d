using ActorBroker.Management.Resources;
using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorBroker.Server.Cluster;

/// <summary>
/// The members of the cluster with each one's own figures (GET /api/nodes): this node describes itself, the others
/// are asked in parallel; a member that does not answer in time is listed as not running.
/// </summary>
internal sealed class ClusterNodes(ActorSystem system, NodeDescription self)
{
    /// <summary>This node's Akka address, the contact point of other nodes and of Akka.NET clients.</summary>
    public string SelfAddress => AkkaCluster.Get(system).SelfAddress.ToString();

    /// <summary>The node name of the member at <paramref name="address"/> (a local address is this node's); the address itself for one that is not a member.</summary>
    public string NameOf(Address address)
    {
        var cluster = AkkaCluster.Get(system);
        if (address.HasLocalScope || address == cluster.SelfAddress)
        {
            return self.Name;
        }

        var state = cluster.State;
        return state.Members.Union(state.Unreachable).FirstOrDefault(member => member.Address == address) is { } known
            ? NodeRole.NameOf(known)
            : address.ToString();
    }

    public async Task<IReadOnlyList<NodeResource>> ListAsync()
    {
        var cluster = AkkaCluster.Get(system);
        var state = cluster.State;
        var others = state.Members.Union(state.Unreachable)
            .Where(member => member.Address != cluster.SelfAddress)
            .OrderBy(member => member.Address, Member.AddressOrdering)
            .Select(member => AskAsync(member, reachable: !state.Unreachable.Contains(member)));
        // This node first, and even before it has joined (while it recovers): it always answers for itself.
        return await Task.WhenAll(others.Prepend(Task.FromResult(self.Describe(cluster.SelfMember)))).ConfigureAwait(false);
    }

    private async Task<NodeResource> AskAsync(Member member, bool reachable)
    {
        if (!reachable)
        {
            return NodeDescription.Unanswered(member);
        }

        var answer = await MemberQuestion.AskAsync<NodeResource>(system, NodeInfoActor.PathAt(member.Address), NodeInfoActor.DescribeNode.Instance).ConfigureAwait(false);
        // Its status as this node's membership view has it, like the rest of the list.
        return answer is null ? NodeDescription.Unanswered(member) : answer with { MemberStatus = NodeDescription.StatusName(member.Status) };
    }
}
