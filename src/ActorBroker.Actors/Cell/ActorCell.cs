namespace ActorBroker.Actors;

/// <summary>
/// The runtime of one actor: its current instance, mailbox, children, watchers and lifecycle state.
/// Unless a member says otherwise it runs on the actor's own mailbox turn, one thread at a time. State
/// that an async handler's continuation may also touch (children, watches) is guarded by the cell's
/// monitor. Rarely used state lives in <see cref="CellExtras"/>, allocated on first use, so that a
/// million idle actors stay small.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? s_constructing;

    private readonly ActorSystem _system;
    private readonly IInternalActorRef _parent;
    private readonly Props _props;
    private readonly Mailbox _mailbox;
    private readonly LocalActorRef _self;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private Blocks _blocks = Blocks.NotCreated;
    private CellExtras? _extras;

    // Written by the parent on its own turn only, to know which children a restart must wait for.
    private bool _stopRequestedByParent;

    // Owned by the parent's supervisor strategy: this child's restart history.
    private RestartStatistics? _restartStatistics;

    public ActorCell(ActorSystem system, IInternalActorRef parent, Props props, ActorPath path)
    {
        _system = system;
        _parent = parent;
        _props = props;
        _mailbox = new Mailbox(this);
        _self = new LocalActorRef(this, path);
    }

    /// <summary>Why user messages may not be processed right now; none means they may.</summary>
    [Flags]
    private enum Blocks
    {
        None = 0,
        NotCreated = 1,
        Failed = 2,
        AsyncPending = 4,
        Restarting = 8,
        Terminating = 16,
    }

    /// <summary>The cell whose actor instance is being constructed on this thread.</summary>
    internal static ActorCell? Constructing => s_constructing;

    public IActorRef Self => _self;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => _parent;

    public ActorSystem System => _system;

    public IStash Stash => Extras.Stash ??= new ActorStash(this);

    public ITimerScheduler Timers => Extras.Timers ??= new ActorTimers(this);

    internal LocalActorRef SelfRef => _self;

    internal Mailbox Mailbox => _mailbox;

    internal RestartStatistics RestartStatistics => _restartStatistics ??= new RestartStatistics();

    internal bool CanProcessUserMessages => _blocks == Blocks.None;

    internal bool HasUnstashed => _extras?.Unstashed is { Count: > 0 };

    private bool IsTerminating => (_blocks & Blocks.Terminating) != 0;

    private CellExtras Extras
    {
        get
        {
            var extras = Volatile.Read(ref _extras);
            if (extras is null)
            {
                // An async handler's continuation and the mailbox turn may both get here first.
                Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
                extras = _extras!;
            }

            return extras;
        }
    }

    /// <summary>Queues the creation of the actor instance; called once by the parent.</summary>
    public void Start() => _mailbox.PostSystem(new CreateActor());

    public void Forward(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        target.Tell(message, _currentSender);
    }

    internal void PublishDeadLetter(object message, IActorRef? sender)
    {
        if (message is IKernelInternalMessage or DeadLetter)
        {
            return;
        }

        _system.EventStream.Publish(new DeadLetter(message, sender, _self));
    }

    internal void PublishUnhandled(object message) =>
        _system.EventStream.Publish(new UnhandledMessage(message, _currentSender, _self));

    internal void PublishError(Exception cause, string message) =>
        _system.EventStream.Publish(new ErrorEvent(_self, cause, message));

    private ActorBase NewActorInstance()
    {
        var previous = s_constructing;
        s_constructing = this;
        try
        {
            var actor = _props.NewActor();
            if (!ReferenceEquals(actor.Cell, this))
            {
                throw new InvalidOperationException(
                    $"The props factory for {_props.ActorType.Name} must create a new actor instance on every call.");
            }

            actor.OnCreated();
            return actor;
        }
        finally
        {
            s_constructing = previous;
        }
    }
}
