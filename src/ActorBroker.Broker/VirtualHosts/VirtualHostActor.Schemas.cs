using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Schemas;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// The host's schema registry. A queue or exchange names a schema (<c>x-schema</c>, or a policy's <c>schema</c> key
/// for queues) and publishes are checked against its newest version at once: a new version applies to the next
/// publish, no restart needed.
/// </summary>
internal sealed partial class VirtualHostActor
{
    private void ReceiveSchemaChanges()
    {
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
            ReplyOnceJournaled(_host.SchemaJournal?.WriteAsync(new SchemaRecord.SchemaAdded(schema)), new SchemaProtocol.SchemaRegistered(schema, Created: true), "schema registration");
        });
        Receive<SchemaProtocol.DeleteSchema>(delete =>
        {
            if (_host.Schemas.Latest(delete.Name) is null)
            {
                Sender.Tell(new SchemaProtocol.SchemaDeleted(false));
                return;
            }

            _host.Schemas = _host.Schemas.Without(delete.Name);
            ReplyOnceJournaled(_host.SchemaJournal?.WriteAsync(new SchemaRecord.SchemaRemoved(delete.Name)), new SchemaProtocol.SchemaDeleted(true), "schema deletion");
        });
    }

    private async Task RestoreSchemasAsync()
    {
        // Schemas change rarely: their journal is replayed whole and never compacted.
        var (schemas, journal) = await RecordJournal.StartFoldedAsync(Context.System, _options.Durability!.JournalId("schemas/" + _host.Name), _options, SchemaSet.Empty, SchemaSet.Apply).ConfigureAwait(true);
        _host.Schemas = schemas;
        _host.SchemaJournal = journal;
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
