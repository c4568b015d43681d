using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;

namespace ActorBroker.Broker.Queues;

/// <summary>What makes a quorum queue differ from a classic one, as RabbitMQ 3.10's clients see it.</summary>
internal static class QuorumQueues
{
    public const string DeliveryCountHeader = "x-delivery-count";

    // RabbitMQ 3.10 refuses these on a quorum queue (rabbit_quorum_queue's check_invalid_arguments).
    private static readonly string[] s_refusedArguments = ["x-max-priority", "x-queue-mode"];

    /// <summary>Refuses a quorum queue declaration RabbitMQ refuses, with its code (406) and its words, in its order.</summary>
    /// <exception cref="BrokerException">Precondition failed.</exception>
    public static void CheckDeclaration(string queue, string virtualHost, QueueDeclaration declaration) =>
        ReplicatedQueueDeclarations.Check(queue, virtualHost, declaration, s_refusedArguments);

    /// <summary>
    /// The delivery as the consumer sees it: a redelivery carries <c>x-delivery-count</c>, the number of earlier
    /// deliveries that came back, as a 64-bit integer. The queue keeps its own message unchanged.
    /// </summary>
    public static MessageDelivered WithDeliveryCount(MessageDelivered delivered)
    {
        if (delivered.DeliveryCount <= 1)
        {
            return delivered;
        }

        var headers = delivered.Message.Properties.Headers?.Clone() ?? [];
        headers[DeliveryCountHeader] = (long)(delivered.DeliveryCount - 1);
        return delivered with { Message = delivered.Message.With(delivered.Message.Properties with { Headers = headers }) };
    }
}
