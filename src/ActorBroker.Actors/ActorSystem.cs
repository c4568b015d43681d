namespace ActorBroker.Actors;

/// <summary>
/// A hierarchy of actors with its event stream, scheduler and dead letters. Top-level actors are children
/// of the <c>/user</c> guardian. <see cref="Terminate"/> stops every actor, children before parents, runs
/// their PostStop hooks and then completes <see cref="WhenTerminated"/>.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimerScheduler _scheduler = new();
    private readonly LocalActorRef _userGuardian;
    private int _terminateRequested;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Throughput = settings.Throughput;
        EventStream = new EventStream();
        DeadLetters = new DeadLetterActorRef(this, ActorPath.Root.Child("deadLetters"));
        TempPath = ActorPath.Root.Child("temp");
        var root = new RootGuardianRef(this);
        var guardianProps = Props.Create(() => new GuardianActor(settings.GuardianSupervisorStrategy));
        var guardian = new ActorCell(this, root, guardianProps, ActorPath.Root.Child("user"));
        _userGuardian = guardian.SelfRef;
        guardian.Start();
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public EventStream EventStream { get; }

    public IScheduler Scheduler => _scheduler;

    /// <summary>Where undeliverable messages go; telling it publishes a <see cref="DeadLetter"/>.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Completes when the system has terminated and every actor's PostStop has run.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal int Throughput { get; }

    internal ActorPath TempPath { get; }

    /// <summary>Creates a system; <paramref name="name"/> is made of letters, digits, '-' and '_'.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                throw new ArgumentException($"An actor system name may contain only letters, digits, '-' and '_': '{name}'.", nameof(name));
            }
        }

        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates and starts a top-level actor (a child of <c>/user</c>); thread-safe.</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        if (Volatile.Read(ref _terminateRequested) != 0)
        {
            throw new InvalidOperationException($"The actor system '{Name}' is terminating; no new actors can be created.");
        }

        return _userGuardian.Cell.ActorOf(props, name);
    }

    /// <summary>Stops <paramref name="actor"/> asynchronously: it finishes its current message, its children stop, then it.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is LocalActorRef local && !ReferenceEquals(local.Cell.System, this))
        {
            throw new ArgumentException($"{actor} belongs to another actor system than '{Name}'.", nameof(actor));
        }

        (actor as IInternalActorRef)?.SendSystemMessage(new TerminateActor());
    }

    /// <summary>Stops all actors gracefully; the returned task is <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            _userGuardian.SendSystemMessage(new TerminateActor());
        }

        return WhenTerminated;
    }

    public ValueTask DisposeAsync() => new(Terminate());

    public override string ToString() => $"ActorSystem[{Name}]";

    internal void GuardianTerminated()
    {
        Volatile.Write(ref _terminateRequested, 1);
        _scheduler.Stop();
        _terminated.TrySetResult();
    }
}
