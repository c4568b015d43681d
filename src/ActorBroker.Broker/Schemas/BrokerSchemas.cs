using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Schemas;

/// <summary>
/// The schema registry of each virtual host (<see cref="MessageBroker.Schemas"/>): JSON Schema documents by name,
/// every version kept. A queue or exchange declared with <c>x-schema</c> (a queue also through a policy's
/// <c>schema</c> key) admits only messages whose body satisfies the newest version. With durability the registry
/// is journaled and survives a restart.
/// </summary>
public sealed class BrokerSchemas
{
    private readonly MessageBroker _broker;

    internal BrokerSchemas(MessageBroker broker) => _broker = broker;

    /// <summary>
    /// Registers <paramref name="document"/> as the newest version of <paramref name="name"/>; a document equal to
    /// the newest version makes no new one (Created is false).
    /// </summary>
    /// <exception cref="BrokerException">Not found (no such virtual host); invalid argument (not a JSON Schema); internal error (not journaled).</exception>
    public async Task<(MessageSchema Schema, bool Created)> RegisterAsync(string virtualHost, string name, string document)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(document);
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        var reply = await host.Actor.AskFor<SchemaProtocol.SchemaRegistered>(new SchemaProtocol.RegisterSchema(name, document), _broker.Options.OperationTimeout).ConfigureAwait(false);
        return (reply.Schema, reply.Created);
    }

    /// <summary>Deletes every version of a schema; returns false when there was none of that name.</summary>
    /// <remarks>Queues and exchanges that still name it refuse every message until it is registered again.</remarks>
    /// <exception cref="BrokerException">Not found (no such virtual host); internal error (not journaled).</exception>
    public async Task<bool> DeleteAsync(string virtualHost, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        var reply = await host.Actor.AskFor<SchemaProtocol.SchemaDeleted>(new SchemaProtocol.DeleteSchema(name), _broker.Options.OperationTimeout).ConfigureAwait(false);
        return reply.Existed;
    }

    /// <summary>Every schema of a virtual host with all its versions (oldest first), by name.</summary>
    /// <exception cref="BrokerException">Not found (no such virtual host).</exception>
    public async Task<IReadOnlyList<IReadOnlyList<MessageSchema>>> ListAsync(string virtualHost)
    {
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        return [.. host.Schemas.All];
    }

    /// <summary>The versions of one schema, oldest first; empty when there is none of that name.</summary>
    /// <exception cref="BrokerException">Not found (no such virtual host).</exception>
    public async Task<IReadOnlyList<MessageSchema>> VersionsAsync(string virtualHost, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var host = await _broker.FindRecoveredHostAsync(virtualHost).ConfigureAwait(false);
        return host.Schemas.Versions(name);
    }
}
