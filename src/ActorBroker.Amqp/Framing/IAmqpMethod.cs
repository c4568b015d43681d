namespace ActorBroker.Amqp.Framing;

/// <summary>
/// An AMQP method's arguments as a value type. Implemented by the generated structs
/// (<see cref="BasicPublish"/>, <see cref="QueueDeclare"/>, …).
/// </summary>
public interface IAmqpMethod<TSelf>
    where TSelf : struct, IAmqpMethod<TSelf>
{
    /// <summary>The class and method ids.</summary>
    static abstract AmqpMethodId Id { get; }

    /// <summary>Whether a content header and body frames follow the method frame.</summary>
    static abstract bool HasContent { get; }

    /// <summary>Reads the arguments that follow the class and method ids.</summary>
    /// <exception cref="AmqpProtocolException">The arguments are truncated or malformed.</exception>
    static abstract TSelf Read(ReadOnlySpan<byte> source);

    /// <summary>The encoded size of the arguments in bytes.</summary>
    int GetSize();

    /// <summary>Writes the arguments and returns the number of bytes written.</summary>
    int WriteTo(Span<byte> destination);
}

/// <summary>Receives a method decoded by <see cref="AmqpMethods.Dispatch{TVisitor, TResult}"/> with its static type intact.</summary>
public interface IAmqpMethodVisitor<out TResult>
{
    TResult Visit<TMethod>(in TMethod method)
        where TMethod : struct, IAmqpMethod<TMethod>;
}
