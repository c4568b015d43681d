namespace ActorBroker.Actors;

/// <summary>Sent to watchers once when a watched actor has stopped (also when it was already dead when watched).</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>Stops the receiver when it is processed; messages before it in the mailbox are handled first.</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();

    void IAutoReceivedMessage.Handle(ActorCell cell) => cell.Stop(cell.Self);

    public override string ToString() => "PoisonPill";
}

/// <summary>Makes the receiver fail with <see cref="ActorKilledException"/>; its supervisor decides what follows (by default: stop).</summary>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill()
    {
    }

    public static Kill Instance { get; } = new();

    void IAutoReceivedMessage.Handle(ActorCell cell) => throw new ActorKilledException($"{cell.Self.Path} was killed by a Kill message.");

    public override string ToString() => "Kill";
}

/// <summary>Delivered when an actor with a receive timeout has had no message for that long.</summary>
public sealed class ReceiveTimeout
{
    private ReceiveTimeout()
    {
    }

    public static ReceiveTimeout Instance { get; } = new();

    public override string ToString() => "ReceiveTimeout";
}

/// <summary>Published on the event stream for a message that could not be delivered because its recipient had stopped.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>Published on the event stream when an actor did not handle a message.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>Published on the event stream when an actor fails or a lifecycle hook throws.</summary>
public sealed record ErrorEvent(IActorRef Source, Exception Cause, string Message);
