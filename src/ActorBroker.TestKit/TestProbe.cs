using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using ActorBroker.Actors;

namespace ActorBroker.TestKit;

/// <summary>
/// A reference that records what it is told, with blocking expectations for tests. Waiting never polls: it
/// blocks on a semaphore released by each arriving message. Every expectation fails with a
/// <see cref="TestKitAssertionException"/> that names what was expected and what arrived.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never requested holds no unmanaged resource.")]
public sealed partial class TestProbe
{
    /// <summary>The timeout of an expectation that does not name one.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly ConcurrentQueue<(object Message, IActorRef? Sender)> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly HashSet<IActorRef> _watching = [];
    private readonly ActorSystem _system;
    private IActorRef? _lastSender;
    private long _deadline;

    internal TestProbe(ActorSystem system, string name)
    {
        _system = system;
        Ref = new ProbeRef(this, ActorPath.Root.Child("test").Child(name));
    }

    /// <summary>The reference to give to actors under test.</summary>
    public IActorRef Ref { get; }

    /// <summary>The sender of the last message received (dead letters before the first).</summary>
    public IActorRef LastSender => _lastSender ?? _system.DeadLetters;

    /// <summary>Puts <paramref name="msg"/> into this probe's own queue, as if an actor had sent it.</summary>
    public void Tell(object msg, IActorRef? sender = null) => Ref.Tell(msg, sender);

    /// <summary>Sends <paramref name="msg"/> to <paramref name="actor"/> with this probe as the sender.</summary>
    public void Send(IActorRef actor, object msg)
    {
        ArgumentNullException.ThrowIfNull(actor);
        actor.Tell(msg, Ref);
    }

    /// <summary>Replies to <see cref="LastSender"/> with this probe as the sender.</summary>
    public void Reply(object msg)
    {
        if (_lastSender is null)
        {
            throw new TestKitAssertionException($"{Ref.Path} cannot reply: it has not received a message with a sender yet.");
        }

        _lastSender.Tell(msg, Ref);
    }

    /// <summary>Watches <paramref name="target"/>: the probe receives <see cref="Terminated"/> when it stops.</summary>
    public void Watch(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is not IInternalActorRef internalTarget)
        {
            throw new ArgumentException($"{target} is not a reference created by an actor system.", nameof(target));
        }

        lock (_watching)
        {
            if (!_watching.Add(target))
            {
                return;
            }
        }

        internalTarget.SendSystemMessage(new WatchRequest(internalTarget, (IInternalActorRef)Ref));
    }

    /// <summary>Stops watching <paramref name="target"/>.</summary>
    public void Unwatch(IActorRef target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_watching)
        {
            _watching.Remove(target);
        }
    }

    internal bool StopWatching(IActorRef target)
    {
        lock (_watching)
        {
            return _watching.Remove(target);
        }
    }

    internal void Enqueue(object message, IActorRef? sender)
    {
        _queue.Enqueue((message, sender));
        _available.Release();
    }

    private bool TryReceive(TimeSpan timeout, out object message)
    {
        if (!_available.Wait(timeout))
        {
            message = null!;
            return false;
        }

        return Take(out message);
    }

    private async Task<(bool Received, object Message)> TryReceiveAsync(TimeSpan timeout)
    {
        if (!await _available.WaitAsync(timeout).ConfigureAwait(false))
        {
            return (false, null!);
        }

        return Take(out var message) ? (true, message) : (false, null!);
    }

    private bool Take(out object message)
    {
        if (!_queue.TryDequeue(out var item))
        {
            throw new InvalidOperationException("The probe's queue and its count disagree; a probe must not be used from two threads at once.");
        }

        _lastSender = item.Sender;
        message = item.Message;
        return true;
    }

    /// <summary>The timeout to use: the given one, else what is left of an enclosing Within, else the default.</summary>
    private TimeSpan Resolve(TimeSpan? timeout)
    {
        if (timeout is { } given)
        {
            return given;
        }

        var deadline = Volatile.Read(ref _deadline);
        if (deadline != 0)
        {
            var left = TimeSpan.FromTicks((long)((deadline - Stopwatch.GetTimestamp()) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return DefaultTimeout;
    }

    private static string Describe(object message) => $"{message} ({message.GetType().Name})";
}
