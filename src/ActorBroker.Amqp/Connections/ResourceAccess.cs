namespace ActorBroker.Amqp.Connections;

/// <summary>
/// RabbitMQ's three kinds of access to an exchange or a queue: configure creates, deletes or changes it, write
/// puts messages into it (publish to an exchange, bind a queue or exchange as a destination), read takes messages
/// out of it (consume, get, purge, bind an exchange as a source).
/// </summary>
public enum ResourceAccess
{
    Configure,
    Write,
    Read,
}
