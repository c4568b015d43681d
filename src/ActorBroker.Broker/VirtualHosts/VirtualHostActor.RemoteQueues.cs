using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Replication;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

/// <summary>
/// A queue declared on another node is deleted there: its node journals it and stops its actor, then replicates the
/// removal to every node, this one included.
/// </summary>
internal sealed partial class VirtualHostActor
{
    private void ReceiveRemoteQueueChanges() => ReceiveAsync<TopologyReplicationProtocol.DeleteQueueOnOwner>(DeleteForAnotherNodeAsync);

    // Not awaited here: the owner answers only once this node applied the removal, which this actor must be free to do.
    private void DeleteOnOwner(QueueEndpoint queue, VirtualHostProtocol.DeleteQueue delete, IActorRef replyTo)
    {
        var owner = queue.Actor.Path.Address;
        Context.ActorSelection(new RootActorPath(owner) / Context.Parent.Path.Elements)
            .Ask<object>(new TopologyReplicationProtocol.DeleteQueueOnOwner(_host.Name, delete.Name, delete.IfUnused, delete.IfEmpty), _options.OperationTimeout)
            .PipeTo(replyTo,
                success: reply => reply switch
                {
                    TopologyReplicationProtocol.QueueDeleted deleted => deleted.Messages,
                    TopologyReplicationProtocol.Refused refused => new Status.Failure(new BrokerException(refused.Code, refused.Reason)),
                    _ => new Status.Failure(new InvalidCastException($"Node {owner} answered the deletion of queue '{delete.Name}' with a {reply.GetType().Name}.")),
                },
                failure: error => new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                    $"Queue '{delete.Name}' lives on node {owner}, which did not answer its deletion: {error.Message}")));
    }

    private async Task DeleteForAnotherNodeAsync(TopologyReplicationProtocol.DeleteQueueOnOwner delete)
    {
        var replyTo = Sender;
        var outcome = await DeleteLocalAsync(new VirtualHostProtocol.DeleteQueue(delete.Queue, delete.IfUnused, delete.IfEmpty, ConnectionId: 0)).ConfigureAwait(true);
        ReplyWhenReplicated(replyTo, outcome switch
        {
            int messages => new TopologyReplicationProtocol.QueueDeleted(messages),
            Status.Failure { Cause: BrokerException error } => new TopologyReplicationProtocol.Refused(error.Code, error.Message),
            Status.Failure failure => new TopologyReplicationProtocol.Refused(BrokerErrorCode.InternalError, failure.Cause.Message),
            _ => new TopologyReplicationProtocol.Refused(BrokerErrorCode.InternalError, $"Unexpected outcome {outcome}."),
        });
    }
}
