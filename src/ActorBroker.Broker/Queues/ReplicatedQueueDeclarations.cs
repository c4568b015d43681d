using ActorBroker.Broker.Errors;

namespace ActorBroker.Broker.Queues;

/// <summary>
/// What RabbitMQ 3.10 refuses on the declaration of a quorum queue or a stream, in its order and words (all 406):
/// first an argument of the type's refused list, then an auto-delete, exclusive or non-durable declaration.
/// </summary>
internal static class ReplicatedQueueDeclarations
{
    /// <exception cref="BrokerException">Precondition failed.</exception>
    public static void Check(string queue, string virtualHost, QueueDeclaration declaration, IReadOnlyList<string> refusedArguments)
    {
        var resource = Resource(queue, virtualHost);
        foreach (var argument in refusedArguments)
        {
            if (declaration.Arguments?.ContainsKey(argument) == true)
            {
                throw BrokerException.PreconditionFailed($"invalid arg '{argument}' for {resource}");
            }
        }

        string? property = declaration switch
        {
            { AutoDelete: true } => "auto-delete",
            { Exclusive: true } => "exclusive-owner",
            { Durable: false } => "non-durable",
            _ => null,
        };
        if (property is not null)
        {
            throw BrokerException.PreconditionFailed($"invalid property '{property}' for {resource}");
        }
    }

    /// <summary>How RabbitMQ names the queue in these errors.</summary>
    public static string Resource(string queue, string virtualHost) => $"queue '{queue}' in vhost '{virtualHost}'";
}
