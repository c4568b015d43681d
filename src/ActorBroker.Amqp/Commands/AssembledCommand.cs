using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Commands;

/// <summary>
/// A complete command from <see cref="CommandAssembler"/>: a method, and for content-bearing methods its
/// header and body. <see cref="Arguments"/> and the header's spans are valid until the assembler is given
/// the next frame; <see cref="Body"/> belongs to the caller.
/// </summary>
public readonly ref struct AssembledCommand
{
    internal AssembledCommand(AmqpMethodId methodId, ReadOnlySpan<byte> arguments)
    {
        MethodId = methodId;
        Arguments = arguments;
    }

    internal AssembledCommand(AmqpMethodId methodId, ReadOnlySpan<byte> arguments, ContentHeader header, ReadOnlyMemory<byte> body)
        : this(methodId, arguments)
    {
        HasContent = true;
        Header = header;
        Body = body;
    }

    public AmqpMethodId MethodId { get; }

    /// <summary>The method's arguments (after the class and method ids), for the method struct's <c>Read</c>.</summary>
    public ReadOnlySpan<byte> Arguments { get; }

    public bool HasContent { get; }

    /// <summary>The content header; default when <see cref="HasContent"/> is false.</summary>
    public ContentHeader Header { get; }

    /// <summary>The whole body, exactly <see cref="ContentHeader.BodySize"/> bytes, in an array of its own that the caller may keep.</summary>
    public ReadOnlyMemory<byte> Body { get; }
}
