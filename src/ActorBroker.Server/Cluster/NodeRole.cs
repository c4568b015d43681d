using Akka.Cluster;

namespace ActorBroker.Server.Cluster;

/// <summary>
/// Carries a node's name (actorbroker.node.name) in its cluster membership, as an Akka role: every member can then
/// name every other one without asking it, even one that is unreachable.
/// </summary>
internal static class NodeRole
{
    private const string Prefix = "actorbroker-node:";

    public static string For(string nodeName) => Prefix + nodeName;

    /// <summary>The node name of <paramref name="member"/>, or its Akka address when it carries no name (not a broker node).</summary>
    public static string NameOf(Member member) =>
        member.Roles.FirstOrDefault(role => role.StartsWith(Prefix, StringComparison.Ordinal)) is { } role
            ? role[Prefix.Length..]
            : member.Address.ToString();
}
