namespace ActorBroker.Actors;

/// <summary>An actor's view of itself and of the system. Use it only from inside the actor.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    /// <summary>A snapshot of the live children.</summary>
    IEnumerable<IActorRef> Children { get; }

    /// <summary>The child named <paramref name="name"/>, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Creates and starts a child supervised by this actor; names must be unique among siblings.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child (after its own children) or this actor itself; the current message is finished first.</summary>
    void Stop(IActorRef child);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="subject"/> stops, at once if it already has.</summary>
    IActorRef Watch(IActorRef subject);

    /// <summary>Stops watching; no <see cref="Terminated"/> for <paramref name="subject"/> is delivered afterwards.</summary>
    IActorRef Unwatch(IActorRef subject);

    /// <summary>Delivers <see cref="ReceiveTimeout"/> after this long without a message; null cancels.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);

    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/> keeping the current Sender.</summary>
    void Forward(IActorRef target, object message);

    /// <summary>Defers messages: <c>Stash()</c> keeps the current one, <c>UnstashAll()</c> puts them back in front of the mailbox.</summary>
    IStash Stash { get; }

    /// <summary>Timers that send messages to this actor; all are cancelled when it stops or restarts.</summary>
    ITimerScheduler Timers { get; }
}
