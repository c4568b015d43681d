using ActorBroker.Actors;

namespace ActorBroker.Actors.Tests.Actor;

/// <summary>Replies to every message with the same message.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message, Self));
}

/// <summary>Forwards every message it gets to a probe, keeping the sender.</summary>
internal sealed class ForwardingActor : ReceiveActor
{
    public ForwardingActor(IActorRef target) => ReceiveAny(message => Context.Forward(target, message));
}
