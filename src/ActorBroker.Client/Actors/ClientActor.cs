using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Client.Actors;

/// <summary>
/// A client's link to the broker: it opens a session on a gateway and forwards every request to it (the session
/// answers the original asker directly). It watches the session; when the session's node is lost it opens a new
/// one, through the ClusterClient on another node, holding requests meanwhile, and subscribes its consumer actors
/// again. Consumer and publisher actors are its children, so they outlive a failover.
/// </summary>
internal sealed partial class ClientActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly GatewayRoute _route;
    private readonly BrokerClientSettings _settings;
    private readonly ConfirmTable _confirms;
    private readonly string _sessionId = Guid.NewGuid().ToString("N");
    private readonly Dictionary<string, Subscribe> _subscriptions = new(StringComparer.Ordinal);
    private IActorRef _session = ActorRefs.Nobody;
    private string _node = string.Empty;

    public ClientActor(GatewayRoute route, BrokerClientSettings settings, ConfirmTable confirms)
    {
        _route = route;
        _settings = settings;
        _confirms = confirms;
        Connecting();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Open();

    private void Connecting()
    {
        Receive<SessionOpened>(OnSessionOpened);
        Receive<ClientProtocol.RetryOpen>(_ => Open());
        ReceiveResubscribed();
        Receive<Terminated>(OnTerminated);
        Receive<SubscribeAnswered>(OnSubscribeAnswered);
        ReceiveAny(_ => Stash.Stash());
    }

    private void Connected()
    {
        Receive<SessionOpened>(_ => { });
        ReceiveResubscribed();
        Receive<Terminated>(OnTerminated);
        Receive<ClientProtocol.WaitConnected>(_ => Sender.Tell(new ClientProtocol.Connected(_node)));
        Receive<ClientProtocol.StartSubscription>(StartSubscription);
        Receive<SubscribeAnswered>(OnSubscribeAnswered);
        Receive<ClientProtocol.StopSubscription>(StopSubscription);
        Receive<ClientProtocol.StartPublisher>(start => Sender.Tell(StartPublisher(start)));
        ReceiveAny(message => _session.Forward(message));
    }

    /// <summary>
    /// The answers this actor gets as the sender of its own requests: a publish's confirm, a subscription made again
    /// on a new session, or a refused session; and a subscription the broker ended (told by its subscription actor).
    /// Never forwarded to the session.
    /// </summary>
    private void ReceiveResubscribed()
    {
        Receive<Confirm>(_confirms.Complete);
        Receive<SubscriptionCancelled>(OnSubscriptionCancelled);
        Receive<Done>(_ => { });
        Receive<Failed>(failed => Context.GetLogger().Warning("The broker on {0} refused a request of the client: {1}", _node, failed.Message));
    }

    /// <summary>Asks for a session, again every retry interval until one is open (the ClusterClient may still be looking for a node).</summary>
    private void Open()
    {
        _route.Tell(new OpenSession(_sessionId, _settings.VirtualHost, Self), Self);
        Timers.StartSingleTimer(nameof(ClientProtocol.RetryOpen), ClientProtocol.RetryOpen.Instance, _settings.RetryInterval);
    }

    private void OnSessionOpened(SessionOpened opened)
    {
        Timers.Cancel(nameof(ClientProtocol.RetryOpen));
        _session = opened.Session;
        _node = opened.Node;
        Context.Watch(_session);
        foreach (var subscription in _subscriptions.Values)
        {
            _session.Tell(subscription, Self);
        }

        Become(Connected);
        Stash.UnstashAll();
    }

    private void OnTerminated(Terminated terminated)
    {
        if (terminated.ActorRef.Equals(_session))
        {
            Context.GetLogger().Warning("Lost the broker session on {0}; opening one on another node", _node);
            _session = ActorRefs.Nobody;
            Become(Connecting);
            Open();
            return;
        }

        var tag = TagOf(terminated.ActorRef);
        if (tag is not null && _subscriptions.Remove(tag))
        {
            _session.Tell(new Unsubscribe(tag), Self);
        }
    }

    private IActorRef StartPublisher(ClientProtocol.StartPublisher start)
    {
        var props = Props.Create(() => new PublisherActor(Self, _confirms, start.Window, _settings.OperationTimeout));
        return start.Name is null ? Context.ActorOf(props) : Context.ActorOf(props, start.Name);
    }
}
