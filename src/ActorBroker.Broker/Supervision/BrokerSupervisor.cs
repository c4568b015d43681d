using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Replication;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Supervision;

/// <summary>
/// The root of the broker: virtual hosts (each with its queue region, whose shards supervise the queue
/// actors with poison-message handling) and client connections. It also watches dead letters so that a
/// confirm sent to a queue that was deleted meanwhile completes as refused instead of never.
/// With a <paramref name="journal"/>, adding or deleting a host is answered once the change is durable.
/// </summary>
internal sealed class BrokerSupervisor(BrokerOptions options, IReadOnlyCollection<string> initialHosts, VirtualHostJournal? journal) : ActorBase
{
    private readonly Dictionary<string, VirtualHost> _hosts = new(StringComparer.Ordinal);

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        foreach (var name in initialHosts)
        {
            StartHost(name);
        }
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        journal?.Stop();
    }

    // Hosts and their routing live in _hosts, which this instance keeps; children are kept across a restart.
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case BrokerSupervisorProtocol.AddVirtualHost add when _hosts.TryGetValue(add.Name, out var existing):
                Sender.Tell(existing);
                break;
            case BrokerSupervisorProtocol.AddVirtualHost add:
                ReplyWhenJournaled(StartHost(add.Name), new VirtualHostRecord.VirtualHostAdded(add.Name));
                break;
            case BrokerSupervisorProtocol.FindVirtualHost find:
                Sender.Tell(_hosts.TryGetValue(find.Name, out var host)
                    ? host
                    : new Status.Failure(BrokerException.NotFound($"No virtual host '{find.Name}'.")));
                break;
            case BrokerSupervisorProtocol.ListVirtualHosts:
                Sender.Tell(_hosts.Keys.Order(StringComparer.Ordinal).ToArray());
                break;
            case BrokerSupervisorProtocol.RemoveVirtualHost remove when _hosts.Remove(remove.Name, out var removed):
                ReplyWhenJournaled(removed, new VirtualHostRecord.VirtualHostDeleted(remove.Name));
                break;
            case BrokerSupervisorProtocol.RemoveVirtualHost remove:
                Sender.Tell(new Status.Failure(BrokerException.NotFound($"No virtual host '{remove.Name}'.")));
                break;
            case BrokerSupervisorProtocol.StopQueues stop:
                _hosts.Values.Select(h => h.Actor).AskAllThenReply(stop, options.OperationTimeout, Sender);
                break;
            case TopologyReplicationProtocol.Replicate replicate:
                // A host this node does not have (deleted here, or being created by its VirtualHostListReplica) has no snapshot to keep.
                ForwardToHost(replicate.VirtualHost, replicate, TopologyReplicationProtocol.Applied.Instance);
                break;
            case TopologyReplicationProtocol.RequestSnapshot request:
                // Answered here from the host's published snapshot, not by its actor, which may be busy restoring itself.
                Sender.Tell(_hosts.TryGetValue(request.VirtualHost, out var asked)
                    ? new TopologyReplicationProtocol.Snapshot(TopologyChange.Of(asked.Routing), asked.SawDeparture(Sender.Path.Address), asked.Policies.All, [.. asked.Schemas.All.SelectMany(versions => versions)])
                    : new TopologyReplicationProtocol.Snapshot([], SawAskerDepart: false, Policies: [], Schemas: []));
                break;
            case TopologyReplicationProtocol.ReplicatePolicy replicate:
                ForwardToHost(replicate.VirtualHost, replicate, TopologyReplicationProtocol.Applied.Instance);
                break;
            case TopologyReplicationProtocol.ReplicateSchema replicate:
                ForwardToHost(replicate.VirtualHost, replicate, TopologyReplicationProtocol.Applied.Instance);
                break;
            case TopologyReplicationProtocol.DeleteQueueOnOwner delete:
                ForwardToHost(delete.VirtualHost, delete, new TopologyReplicationProtocol.Refused(BrokerErrorCode.NotFound, $"No virtual host '{delete.VirtualHost}'."));
                break;
            case BrokerSupervisorProtocol.OpenConnection open:
                Sender.Tell(Context.ActorOf(Props.Create(() => new ConnectionActor(open.ConnectionId, open.VirtualHost)), "connection-" + open.ConnectionId));
                break;
            case DeadLetter { Message: QueueProtocol.Publish publish }:
                publish.Confirm.Settle(false);
                break;
            case DeadLetter { Message: QueueProtocol.ConfirmBarrier barrier }:
                barrier.Confirm.Settle(false);
                break;
            case DeadLetter { Message: QueueProtocol.IRequest request } dead:
                // Answered instead of letting the caller time out. A request to a queue actor that stopped names it as
                // recipient: the queue was deleted between the caller's lookup and the request. Akka.Remote drops a
                // request for a node it cannot reach (killed, not yet downed) through the dead-letters actor, losing the
                // recipient: that queue is moving to another node, a client's recovery meets this answer, and it must
                // say retry, not deleted.
                var refused = BrokerException.NotFound(dead.Recipient.Equals(Context.System.DeadLetters)
                    ? $"the queue's node is down or unreachable, so it did not answer {request.GetType().Name}; a durable queue moves to another node: retry"
                    : $"The queue was deleted before it could answer {request.GetType().Name}.");
                dead.Sender?.Tell(request is QueueProtocol.Get get ? new QueueProtocol.GetFailed(get.RequestId, refused) : new Status.Failure(refused), Self);
                break;
            case DeadLetter:
                break;
            default:
                return false;
        }

        return true;
    }

    // The record's sequence number is taken here, in the actor, so records reach the writer in the order of the changes.
    private void ReplyWhenJournaled(VirtualHost host, VirtualHostRecord record)
    {
        if (journal is null)
        {
            Sender.Tell(host);
            return;
        }

        var replyTo = Sender;
        var written = journal.WriteAsync(record);
        _ = written.ContinueWith(
            w => replyTo.Tell(w.IsCompletedSuccessfully
                ? host
                : new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                    $"The change of virtual host '{host.Name}' could not be journaled, so it may be undone by a restart: {w.Exception?.GetBaseException().Message}"))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void ForwardToHost(string name, object message, object unknownHostReply)
    {
        if (_hosts.TryGetValue(name, out var host))
        {
            host.Actor.Forward(message);
        }
        else
        {
            Sender.Tell(unknownHostReply);
        }
    }

    private VirtualHost StartHost(string name)
    {
        var host = new VirtualHost(name, options.Clock);
        host.Actor = Context.ActorOf(Props.Create(() => new VirtualHostActor(host, options)), "vhost-" + Uri.EscapeDataString(name));
        _hosts.Add(name, host);
        return host;
    }
}
