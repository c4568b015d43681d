using ActorBroker.Broker.Client;
using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Cluster.Tools.Client;

namespace ActorBroker.Broker.Gateway;

/// <summary>
/// A node's door for Akka clients, at <see cref="Path"/>: it opens a session (a broker connection and channel) per
/// client and hands the client the session's address; from there the client talks to its session directly. In a
/// cluster it registers with the ClusterClientReceptionist once the node is a member, so ClusterClients from
/// outside the cluster find it on any node.
/// </summary>
public sealed class BrokerGateway : ReceiveActor
{
    /// <summary>The gateway's name under <c>/user</c>, the path clients send to.</summary>
    public const string Name = "actorbroker-gateway";

    /// <summary>The gateway's path, under which the ClusterClientReceptionist serves it.</summary>
    public const string Path = "/user/" + Name;

    private readonly MessageBroker _broker;
    private readonly Dictionary<string, IActorRef> _sessions = new(StringComparer.Ordinal);

    private readonly string _node;

    public BrokerGateway(MessageBroker broker)
    {
        _broker = broker;
        _node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
        Receive<OpenSession>(Open);
        Receive<SessionReady>(OnSessionReady);
        Receive<Terminated>(terminated => RemoveSession(terminated.ActorRef));
    }

    protected override void PreStart()
    {
        var system = Context.System;
        if (system is ExtendedActorSystem { Provider: Akka.Cluster.ClusterActorRefProvider })
        {
            var self = Self;
            Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => ClusterClientReceptionist.Get(system).RegisterService(self));
        }
    }

    private void Open(OpenSession open)
    {
        // An open sent again while the first one was on its way finds the session it created.
        if (_sessions.TryGetValue(open.SessionId, out var existing))
        {
            Sender.Tell(new SessionOpened(existing, _node));
            return;
        }

        var replyTo = Sender;
        ConnectAsync(open.VirtualHost).PipeTo(
            Self,
            success: session => new SessionReady(open, replyTo, session.Connection, session.Channel, null),
            failure: error => new SessionReady(open, replyTo, null, null, error));
    }

    private void OnSessionReady(SessionReady ready)
    {
        if (ready.Error is { } error)
        {
            ready.ReplyTo.Tell(ClientMessages.ToFailure(error));
            return;
        }

        if (_sessions.TryGetValue(ready.Open.SessionId, out var existing))
        {
            _ = ready.Connection!.CloseAsync();
            ready.ReplyTo.Tell(new SessionOpened(existing, _node));
            return;
        }

        var session = Context.ActorOf(Props.Create(() => new GatewaySession(ready.Open.Client, ready.Connection!, ready.Channel!, _broker.Options.OperationTimeout)));
        Context.Watch(session);
        _sessions[ready.Open.SessionId] = session;
        ready.ReplyTo.Tell(new SessionOpened(session, _node));
    }

    private void RemoveSession(IActorRef session)
    {
        foreach (var (id, known) in _sessions)
        {
            if (known.Equals(session))
            {
                _sessions.Remove(id);
                return;
            }
        }
    }

    private async Task<(BrokerConnection Connection, BrokerChannel Channel)> ConnectAsync(string virtualHost)
    {
        var connection = await _broker.ConnectAsync(virtualHost).ConfigureAwait(false);
        try
        {
            return (connection, await connection.CreateChannelAsync().ConfigureAwait(false));
        }
        catch
        {
            await connection.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed record SessionReady(OpenSession Open, IActorRef ReplyTo, BrokerConnection? Connection, BrokerChannel? Channel, Exception? Error);
}
