using ActorBroker.Broker.Replication;
using ActorBroker.Server.Management.Definitions;
using Akka.Actor;

namespace ActorBroker.Server.Cluster;

/// <summary>
/// This node's copy of the cluster's users and permissions, as the other nodes reach it: a change made through another
/// node's management API is made here too (<see cref="UserStore"/>, saved in this node's users.json), and answered
/// once made. When the node is Up it takes the users of the first other member that answers (<see cref="UserStore.Adopt"/>):
/// meanwhile changes from the others wait, so none is lost under the adopted state, while questions from the others
/// are answered at once, so two nodes that start together do not wait for each other.
/// </summary>
internal sealed class UserReplica : ReceiveActor, IWithUnboundedStash
{
    /// <summary>Where every node runs this actor, so that a member finds it from an address alone.</summary>
    public const string Name = "users";

    private readonly UserStore _store;

    public UserReplica(UserStore store)
    {
        _store = store;
        Receive<CatchUp>(_ => CatchUpWithPeers());
        Receive<RequestUsers>(_ => Sender.Tell(new UsersState(_store.ExportState())));
        ReceiveChanges();
    }

    public IStash Stash { get; set; } = null!;

    /// <summary>This actor's path without an address, the same on every node.</summary>
    public static ActorPath PathOnEveryNode { get; } = new RootActorPath(Address.AllSystems) / "user" / Name;

    // Every node process is a cluster member (alone, a one-node cluster): Up comes once, with no peers when alone.
    protected override void PreStart()
    {
        var self = Self;
        Akka.Cluster.Cluster.Get(Context.System).RegisterOnMemberUp(() => self.Tell(CatchUp.Instance));
    }

    private void ReceiveChanges()
    {
        Receive<PutUser>(put => Applied(() => _store.Put(UserStore.FromDefinitionJson(put.UserJson), put.RestrictNew)));
        Receive<RemoveUser>(remove => Applied(() => _store.Remove(remove.Name)));
        Receive<SetPermissions>(set => Applied(() => _store.SetPermissions(set.User, set.Vhost, new Listeners.VirtualHostPermissions(set.Configure, set.Write, set.Read))));
        Receive<ClearPermissions>(clear => Applied(() => _store.ClearPermissions(clear.User, clear.Vhost)));
        Receive<ForgetVirtualHost>(forget => Applied(() => _store.ForgetVirtualHost(forget.Vhost)));
    }

    private void Applied(Action change)
    {
        try
        {
            change();
            Sender.Tell(UserChangeApplied.Instance);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            Sender.Tell(PeerReplication.RefusalOf(error));
        }
    }

    private void CatchUpWithPeers()
    {
        PeerReplication.AskEveryPeerAsync<UsersState>(Context.System, PathOnEveryNode, RequestUsers.Instance, MemberQuestion.AnswerTimeout)
            .PipeTo(Self, success: answers => new PeersAnswered(answers));
        BecomeStacked(() =>
        {
            Receive<RequestUsers>(_ => Sender.Tell(new UsersState(_store.ExportState())));
            Receive<PeersAnswered>(answered =>
            {
                if (answered.States.Count > 0)
                {
                    _store.Adopt(answered.States[0].Json);
                }

                Stash.UnstashAll();
                UnbecomeStacked();
            });
            ReceiveAny(_ => Stash.Stash());
        });
    }

    /// <summary>A user added or replaced on another node; <paramref name="UserJson"/> is its definition as users.json holds it.</summary>
    public sealed record PutUser(string UserJson, bool RestrictNew);

    public sealed record RemoveUser(string Name);

    public sealed record SetPermissions(string User, string Vhost, string Configure, string Write, string Read);

    public sealed record ClearPermissions(string User, string Vhost);

    /// <summary>Every permission in a virtual host deleted on another node.</summary>
    public sealed record ForgetVirtualHost(string Vhost);

    public sealed record UserChangeApplied
    {
        public static UserChangeApplied Instance { get; } = new();
    }

    public sealed record RequestUsers
    {
        public static RequestUsers Instance { get; } = new();
    }

    /// <param name="Json">The answering node's users and permissions as its users.json would hold them all.</param>
    public sealed record UsersState(string Json);

    private sealed record CatchUp
    {
        public static CatchUp Instance { get; } = new();
    }

    private sealed record PeersAnswered(IReadOnlyList<UsersState> States);
}
