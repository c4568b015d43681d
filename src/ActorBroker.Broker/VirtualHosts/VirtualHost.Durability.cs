using ActorBroker.Broker.Durability;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    /// <summary>The journal of the host's durable declarations; null when the broker runs without durability.</summary>
    public DeclarationJournal? Journal { get; set; }
}
