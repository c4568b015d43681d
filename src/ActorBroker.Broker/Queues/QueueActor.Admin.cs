namespace ActorBroker.Broker.Queues;

internal sealed partial class QueueActor
{
    /// <summary>Read-only questions of the management API.</summary>
    private bool ReceiveAdmin(object message)
    {
        if (message is not QueueProtocol.ListConsumers)
        {
            return false;
        }

        Sender.Tell(_state.ConsumerSpecs(), Self);
        return true;
    }
}
