using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Schemas;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// The host's schema registry. A queue or exchange names a schema (<c>x-schema</c>, or a policy's <c>schema</c> key
/// for queues) and publishes are checked against its newest version at once: a new version applies to the next
/// publish, no restart needed. In a cluster a registration or deletion takes the host's turn and is answered once
/// every other node applied and journaled it, as a policy change is; a host that starts takes the others' schemas.
/// </summary>
internal sealed partial class VirtualHostActor
{
    // The schemas (every version) the other nodes had when this host first read them; null when none answered.
    private IReadOnlyList<MessageSchema>? _peerSchemas;

    private void ReceiveSchemaChanges()
    {
        Receive<TopologyReplicationProtocol.ReplicateSchema>(replicate =>
        {
            _host.Schemas = SchemaSet.Apply(_host.Schemas, replicate.Change);
            ReplyOnceJournaled(_host.SchemaJournal?.WriteAsync(replicate.Change), TopologyReplicationProtocol.Applied.Instance, "schema change made on another node");
        });
        Receive<SchemaProtocol.RegisterSchema>(register =>
        {
            var latest = _host.Schemas.Latest(register.Name);
            if (latest is not null && latest.SameDocument(register.Document))
            {
                Sender.Tell(new SchemaProtocol.SchemaRegistered(latest, Created: false));
                return;
            }

            MessageSchema schema;
            try
            {
                schema = MessageSchema.Create(register.Name, (latest?.Version ?? 0) + 1, register.Document, _host.Clock.GetUtcNow());
            }
            catch (BrokerException invalid)
            {
                Sender.Tell(new Status.Failure(invalid));
                return;
            }

            _host.Schemas = _host.Schemas.With(schema);
            var added = new SchemaRecord.SchemaAdded(schema);
            ReplicateThenReply(new TopologyReplicationProtocol.ReplicateSchema(_host.Name, added), _host.SchemaJournal?.WriteAsync(added), new SchemaProtocol.SchemaRegistered(schema, Created: true), "schema registration");
        });
        Receive<SchemaProtocol.DeleteSchema>(delete =>
        {
            if (_host.Schemas.Latest(delete.Name) is null)
            {
                Sender.Tell(new SchemaProtocol.SchemaDeleted(false));
                return;
            }

            _host.Schemas = _host.Schemas.Without(delete.Name);
            var removed = new SchemaRecord.SchemaRemoved(delete.Name);
            ReplicateThenReply(new TopologyReplicationProtocol.ReplicateSchema(_host.Name, removed), _host.SchemaJournal?.WriteAsync(removed), new SchemaProtocol.SchemaDeleted(true), "schema deletion");
        });
    }

    private async Task RestoreSchemasAsync()
    {
        // Schemas change rarely: their journal is replayed whole and never compacted.
        var (schemas, journal) = await RecordJournal.StartFoldedAsync(Context.System, _options.Durability!.JournalId("schemas/" + _host.Name), _options, SchemaSet.Empty, SchemaSet.Apply).ConfigureAwait(true);
        _host.Schemas = schemas;
        _host.SchemaJournal = journal;
        await JournalPeerSchemasAsync(journal).ConfigureAwait(true);
    }

    /// <summary>
    /// Before the host's own journal is read: the schemas of the other nodes (see <see cref="TakePeerPolicies"/>); the
    /// first node to answer gives a name all its versions.
    /// </summary>
    private void TakePeerSchemas(IReadOnlyList<TopologyReplicationProtocol.Snapshot> snapshots)
    {
        if (snapshots.Count == 0)
        {
            return;
        }

        _peerSchemas = [.. snapshots.SelectMany((snapshot, node) => snapshot.Schemas.Select(schema => (Schema: schema, Node: node)))
            .GroupBy(answer => answer.Schema.Name, StringComparer.Ordinal)
            .SelectMany(versions => versions.Where(answer => answer.Node == versions.First().Node).Select(answer => answer.Schema))];
        foreach (var name in _peerSchemas.Select(schema => schema.Name).Distinct(StringComparer.Ordinal))
        {
            _host.Schemas = _host.Schemas.Without(name);
        }

        foreach (var schema in _peerSchemas)
        {
            _host.Schemas = _host.Schemas.With(schema);
        }
    }

    /// <summary>
    /// After the host's own schema journal is read: a name whose versions differ from the others' is journaled anew with
    /// theirs (removed, then each version), so that this node's journal alone restores the cluster's schemas; a name
    /// only this node holds is removed if a peer saw it depart, kept otherwise (see <see cref="JournalPeerPoliciesAsync"/>).
    /// </summary>
    private async Task JournalPeerSchemasAsync(RecordJournal journal)
    {
        if (_peerSchemas is not { } theirs)
        {
            return;
        }

        var records = new List<SchemaRecord>();
        foreach (var versions in theirs.GroupBy(schema => schema.Name, StringComparer.Ordinal))
        {
            var mine = _host.Schemas.Versions(versions.Key);
            if (mine.Count != versions.Count() || mine.Zip(versions).Any(pair => pair.First.Version != pair.Second.Version || !pair.First.SameDocument(pair.Second.Document)))
            {
                records.Add(new SchemaRecord.SchemaRemoved(versions.Key));
                records.AddRange(versions.Select(schema => new SchemaRecord.SchemaAdded(schema)));
            }
        }

        if (_peersAreCurrent)
        {
            var names = theirs.Select(schema => schema.Name).ToHashSet(StringComparer.Ordinal);
            records.AddRange(_host.Schemas.All.Select(versions => versions[0].Name).Where(name => !names.Contains(name)).Select(name => new SchemaRecord.SchemaRemoved(name)));
        }

        foreach (var record in records)
        {
            _host.Schemas = SchemaSet.Apply(_host.Schemas, record);
            // One after the other: a removal is journaled before the versions that replace it.
            await journal.WriteAsync(record).ConfigureAwait(true);
        }
    }

    /// <summary>Removes every schema of the host (it is being deleted); completes once that is journaled.</summary>
    private Task ClearSchemasAsync()
    {
        var removed = _host.Schemas.All.Select(versions => new SchemaRecord.SchemaRemoved(versions[0].Name)).ToList();
        _host.Schemas = SchemaSet.Empty;
        return _host.SchemaJournal is { } journal ? Task.WhenAll(removed.Select(journal.WriteAsync)) : Task.CompletedTask;
    }

    /// <exception cref="BrokerException">Precondition failed: <paramref name="schema"/> is not registered in this host.</exception>
    private void RequireSchema(string? schema, string declaring)
    {
        if (schema is not null && _host.Schemas.Latest(schema) is null)
        {
            throw BrokerException.PreconditionFailed($"Cannot declare {declaring} with x-schema '{schema}': no such schema in virtual host '{_host.Name}'; register it first.");
        }
    }
}
