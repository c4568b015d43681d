using ActorBroker.Broker.Confirms;
using Akka.Actor;

namespace ActorBroker.Broker.Remoting;

/// <summary>
/// A <see cref="PublishConfirm"/> as a queue on another node than its publisher's sees it: settling it sends the
/// answer to the publisher node's <see cref="ConfirmRelay"/>, which settles the original.
/// </summary>
internal sealed class RelayedConfirm(IActorRef relay, long id) : PublishConfirm
{
    public IActorRef Relay { get; } = relay;

    public long Id { get; } = id;

    public override void Settle(bool accepted) => Relay.Tell(new ConfirmRelay.Settled(Id, accepted), ActorRefs.NoSender);
}
