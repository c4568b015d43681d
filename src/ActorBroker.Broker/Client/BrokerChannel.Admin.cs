using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Channels;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>How many deliveries (consumed or got) this channel holds unacknowledged; 0 once it is closed.</summary>
    public async Task<int> CountUnackedAsync() =>
        _closed ? 0 : await _actor.AskFor<int>(ChannelProtocol.CountUnacked.Instance, Timeout).ConfigureAwait(false);
}
