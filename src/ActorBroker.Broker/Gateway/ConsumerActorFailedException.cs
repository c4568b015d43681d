namespace ActorBroker.Broker.Gateway;

/// <summary>An Akka client's consumer actor threw on a delivery, in the client's own system; the message says what it threw.</summary>
public sealed class ConsumerActorFailedException : Exception
{
    public ConsumerActorFailedException()
    {
    }

    public ConsumerActorFailedException(string message)
        : base(message)
    {
    }

    public ConsumerActorFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
