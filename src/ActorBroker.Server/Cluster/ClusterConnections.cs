using ActorBroker.Management.Resources;
using Akka.Actor;
using Akka.Cluster;
using AkkaCluster = Akka.Cluster.Cluster;

namespace ActorBroker.Server.Cluster;

/// <summary>
/// The AMQP connections of every member (GET and DELETE /api/connections on any node): this node's from its
/// registry, the other reachable members' through their <see cref="ConnectionsActor"/>, asked in parallel. A member
/// that does not answer in time is left out of a list rather than failing it.
/// </summary>
internal sealed class ClusterConnections(ActorSystem system, LocalConnections local)
{
    public async Task<IReadOnlyList<ConnectionResource>> ListAsync()
    {
        var others = await Task.WhenAll(OtherMembers().Select(ListAtAsync)).ConfigureAwait(false);
        return [.. local.List().Concat(others.SelectMany(list => list))];
    }

    /// <summary>The connection of that name on whichever node has it; null when none has.</summary>
    public async Task<ConnectionResource?> FindAsync(string name) =>
        local.Find(name) ?? (await ListAsync().ConfigureAwait(false)).FirstOrDefault(connection => connection.Name == name);

    /// <summary>Closes the connection of that name on whichever node has it; false when none has.</summary>
    public async Task<bool> TryCloseAsync(string name, string reason)
    {
        if (local.TryClose(name, reason))
        {
            return true;
        }

        var closes = OtherMembers().Select(address => CloseAtAsync(address, new ConnectionsActor.CloseConnection(name, reason)));
        return (await Task.WhenAll(closes).ConfigureAwait(false)).Any(closed => closed);
    }

    private IEnumerable<Address> OtherMembers()
    {
        var cluster = AkkaCluster.Get(system);
        var state = cluster.State;
        return state.Members
            .Where(member => member.Address != cluster.SelfAddress && member.Status == MemberStatus.Up && !state.Unreachable.Contains(member))
            .Select(member => member.Address);
    }

    private async Task<IReadOnlyList<ConnectionResource>> ListAtAsync(Address member) =>
        await MemberQuestion.AskAsync<ConnectionsActor.ConnectionList>(system, ConnectionsActor.PathAt(member), ConnectionsActor.ListConnections.Instance)
            .ConfigureAwait(false) is { } answer ? answer.Read() : [];

    private async Task<bool> CloseAtAsync(Address member, ConnectionsActor.CloseConnection close) =>
        await MemberQuestion.AskAsync<ConnectionsActor.ConnectionClosed>(system, ConnectionsActor.PathAt(member), close).ConfigureAwait(false) is { Closed: true };
}
