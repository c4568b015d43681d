using ActorBroker.Broker.Management;

namespace ActorBroker.Broker.Client;

public sealed partial class MessageBroker
{
    private BrokerAdmin? _admin;

    /// <summary>What operators need: list virtual hosts, queues, exchanges, bindings and consumers; delete a virtual host.</summary>
    public BrokerAdmin Admin => LazyInitializer.EnsureInitialized(ref _admin, () => new BrokerAdmin(this));
}
