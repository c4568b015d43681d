using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.Sharding;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHostActor
{
    private async Task DeclareQueueAsync(VirtualHostProtocol.DeclareQueue declare)
    {
        var replyTo = Sender;
        try
        {
            ReplyWhenReplicated(replyTo, await DeclareAsync(declare).ConfigureAwait(true));
        }
        catch (BrokerException error)
        {
            replyTo.Tell(new Status.Failure(error));
        }
    }

    private async Task<QueueDeclareResult> DeclareAsync(VirtualHostProtocol.DeclareQueue declare)
    {
        var name = declare.Name;
        if (declare.Passive || _host.Routing.TryGetQueue(name, out _))
        {
            var existing = _host.RequireQueue(name, declare.ConnectionId);
            if (!declare.Passive && !existing.Declaration.Equivalent(declare.Declaration))
            {
                throw BrokerException.PreconditionFailed(
                    $"Queue '{name}' exists with other settings ({existing.Declaration}); cannot redeclare it with ({declare.Declaration}).");
            }

            // Watched: this actor waits, and an owner that stopped (its node leaving) would hold every topology change
            // and the adoption of that very queue here until the timeout.
            var info = await existing.Actor.AskWatchingFor<QueueInfo>(Context.System, new QueueProtocol.GetInfo(), _options.OperationTimeout, () => new QueueGoneException(name, _host.Name, existing.Actor))
                .ConfigureAwait(true);
            return new QueueDeclareResult(name, info.Ready, info.Consumers);
        }

        if (_host.Routing.QueueCount >= _options.MaxQueuesPerVirtualHost)
        {
            throw BrokerException.PreconditionFailed(
                $"cannot declare queue '{name}' in vhost '{_host.Name}': queue limit in vhost ({_options.MaxQueuesPerVirtualHost}) is reached");
        }

        if (name.Length == 0)
        {
            name = "amq.gen-" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', '_').Replace('+', '-');
        }
        else if (name.StartsWith("amq.", StringComparison.Ordinal) && !declare.ServerOwned)
        {
            throw BrokerException.AccessRefused($"Queue names starting with 'amq.' are reserved ('{name}').");
        }

        RequireSchema(QueueArguments.Parse(declare.Declaration.Arguments).Schema, $"queue '{name}'");
        var arguments = _host.EffectiveArguments(name, declare.Declaration);
        if (arguments.Type == QueueType.Stream)
        {
            return await DeclareStreamAsync(name, declare, arguments).ConfigureAwait(true);
        }

        if (arguments.Type == QueueType.Quorum)
        {
            QuorumQueues.CheckDeclaration(name, _host.Name, declare.Declaration);
        }

        var state = new QueueState(name, arguments, _host.Clock);
        var owner = declare.Declaration.Exclusive ? declare.Connection : null;
        var persistenceId = await JournalNewQueueAsync(name, declare.Declaration).ConfigureAwait(true);
        var runtime = new QueueRuntime(name, declare.Declaration, state, _host, _options, owner) { PersistenceId = persistenceId };
        var actor = await StartQueueActorAsync(runtime).ConfigureAwait(true);
        _host.Routing = _host.Routing.AddQueue(new QueueEndpoint(name, declare.Declaration, arguments, declare.ConnectionId, actor) { PersistenceId = persistenceId });
        Replicate(new TopologyChange.QueueAdded(name, declare.Declaration, actor, persistenceId));
        return new QueueDeclareResult(name, 0, 0);
    }

    private async Task DeleteQueueAsync(VirtualHostProtocol.DeleteQueue delete)
    {
        var replyTo = Sender;
        if (_host.Routing.TryGetQueue(delete.Name, out var found) && found is QueueEndpoint { IsLocal: false } remote && remote.IsAccessibleFrom(delete.ConnectionId))
        {
            DeleteOnOwner(remote, delete, replyTo);
            return;
        }

        ReplyWhenReplicated(replyTo, await DeleteLocalAsync(delete).ConfigureAwait(true));
    }

    /// <summary>Deletes a queue of this node; the reply is the number of messages it held or a <see cref="Status.Failure"/>.</summary>
    private async Task<object> DeleteLocalAsync(VirtualHostProtocol.DeleteQueue delete)
    {
        try
        {
            if (!_host.Routing.TryGetQueue(delete.Name, out _))
            {
                return 0;
            }

            var queue = _host.RequireQueue(delete.Name, delete.ConnectionId);
            var info = await queue.Actor.AskFor<QueueInfo>(new QueueProtocol.GetInfo(), _options.OperationTimeout).ConfigureAwait(true);
            if (delete.IfUnused && info.Consumers > 0)
            {
                throw BrokerException.PreconditionFailed($"Queue '{delete.Name}' has {info.Consumers} consumer(s); not deleted (if-unused).");
            }

            if (delete.IfEmpty && info.Ready > 0)
            {
                throw BrokerException.PreconditionFailed($"Queue '{delete.Name}' has {info.Ready} message(s); not deleted (if-empty).");
            }

            // delete-ok only once the deletion is durable, as declare-ok: a restart must not bring the queue back.
            return await RemoveDurablyAsync(delete.Name).ConfigureAwait(true) ?? (object)info.Ready;
        }
        catch (BrokerException error)
        {
            return new Status.Failure(error);
        }
    }

    private void RemoveQueue(VirtualHostProtocol.RemoveQueue remove)
    {
        if (_host.Routing.TryGetQueue(remove.Name, out var endpoint) && ((QueueEndpoint)endpoint).Actor.Equals(remove.Queue))
        {
            _ = Remove(remove.Name);
        }
    }

    private async Task RemoveExclusiveQueuesAsync(VirtualHostProtocol.RemoveExclusiveQueues remove)
    {
        var replyTo = Sender;
        var owned = _host.Routing.Queues.Cast<QueueEndpoint>()
            .Where(queue => queue.Declaration.Exclusive && queue.OwnerConnectionId == remove.ConnectionId)
            .Select(queue => queue.Name)
            .ToList();
        foreach (var name in owned)
        {
            await RemoveDurablyAsync(name).ConfigureAwait(true);
        }

        ReplyWhenReplicated(replyTo, VirtualHostProtocol.Done.Instance);
    }

    /// <summary>Removes a queue; null once its deletion is durable, else the failure to answer with.</summary>
    private async Task<Status.Failure?> RemoveDurablyAsync(string name)
    {
        try
        {
            await Remove(name).ConfigureAwait(true);
            return null;
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            return new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                $"Queue '{name}' was deleted, but its deletion could not be journaled, so it may come back after a restart: {error.Message}"));
        }
    }

    /// <summary>Removes a queue at once; the returned task completes once its deletion is journaled.</summary>
    private Task Remove(string name)
    {
        var isStream = _host.Routing.TryGetQueue(name, out var endpoint) && ((QueueEndpoint)endpoint).Arguments.Type == QueueType.Stream;
        _host.Routing = _host.Routing.RemoveQueue(name);
        if (endpoint is QueueEndpoint { IsLocal: true })
        {
            Replicate(new TopologyChange.QueueRemoved(name));
        }

        var forgotten = ForgetDurableQueue(name);
        if (isStream)
        {
            _streams.Tell(new Streams.StreamProtocol.StopStream(name), Self);
        }
        else
        {
            _region.Tell(new QueueRegionProtocol.StopQueue(name), Self);
        }

        return forgotten;
    }
}
