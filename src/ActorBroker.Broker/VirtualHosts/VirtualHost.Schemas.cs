using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Schemas;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHost
{
    private SchemaSet _schemas = SchemaSet.Empty;

    /// <summary>The host's schema registry; written by its actor only, read by publishers and management on any thread.</summary>
    public SchemaSet Schemas
    {
        get => Volatile.Read(ref _schemas);
        set => Volatile.Write(ref _schemas, value);
    }

    /// <summary>The journal of the host's schemas; null when the broker runs without durability.</summary>
    public RecordJournal? SchemaJournal { get; set; }
}
