namespace ActorBroker.Persistence.Serialization;

/// <summary>A value could not be serialized, or stored bytes could not be read back as their manifest's type.</summary>
public sealed class EventSerializationException : Exception
{
    public EventSerializationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
