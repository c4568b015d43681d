using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Policies;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    private PolicySet _policies = PolicySet.Empty;

    /// <summary>The host's policies; written by its actor only, read by management on any thread.</summary>
    public PolicySet Policies
    {
        get => Volatile.Read(ref _policies);
        set => Volatile.Write(ref _policies, value);
    }

    /// <summary>The journal of the host's policies; null when the broker runs without durability.</summary>
    public RecordJournal? PolicyJournal { get; set; }
}
