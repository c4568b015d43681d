using System.Buffers;
using ActorBroker.Amqp.Commands;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Fuzz.Targets;

/// <summary>
/// The bytes a client sends, through every AMQP decoder the server runs on them: the protocol header, the frame
/// reader, one command assembler per channel, the method arguments (field tables included) and the content
/// header properties.
/// </summary>
/// <remarks>
/// The property: bad input ends in an <see cref="AmqpProtocolException"/> carrying one of the reply codes the
/// module documents for bad input (501, 502, 505, 540, 406); any other exception escapes and is a crash, a run
/// that does not end is the fuzzer's hang, and a run that allocates more than its budget throws.
/// </remarks>
public static class AmqpInputTarget
{
    public const string Name = "amqp";

    /// <summary>RabbitMQ's pre-tune frame-max; small enough that the fuzzer reaches the size check.</summary>
    public const uint FrameMax = 8192;

    /// <summary>Small, so that announced sizes above it reach the precondition-failed path.</summary>
    public const ulong MaxBodySize = 1024 * 1024;

    private static readonly ReplyCode[] s_badInputCodes =
    [
        ReplyCode.FrameError,
        ReplyCode.SyntaxError,
        ReplyCode.UnexpectedFrame,
        ReplyCode.NotImplemented,
        ReplyCode.PreconditionFailed,
    ];

    /// <param name="data">The first byte picks how the rest is cut into segments (0: one segment), as a pipe hands out bytes arriving in pieces; the rest is what the client sent.</param>
    /// <exception cref="InvalidOperationException">The input broke the property.</exception>
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var sent = data[1..];
        var input = data[0] == 0 ? new ReadOnlySequence<byte>(sent.ToArray()) : Sequences.Chunked(sent, data[0]);
        // An assembler's first body array and a table's list may be a few KiB; beyond that, cost follows the bytes.
        var budget = AllocationBudget.Start(sent.Length, fixedBytes: 256 * 1024, bytesPerInputByte: 64);
        try
        {
            Decode(input);
        }
        catch (AmqpProtocolException e) when (Array.IndexOf(s_badInputCodes, e.ReplyCode) >= 0 && e.Message.Length > 0)
        {
            // The documented answer to bad input: the server closes with this reply code.
        }

        budget.Check(Name);
    }

    private static void Decode(ReadOnlySequence<byte> input)
    {
        // A header that is incomplete waits for more bytes; a rejected one is answered with ours and the socket closes.
        if (!ProtocolHeader.TryRead(ref input, out var check) || check == ProtocolHeaderCheck.Rejected)
        {
            return;
        }

        var assemblers = new Dictionary<ushort, CommandAssembler>();
        while (FrameReader.TryReadFrame(ref input, FrameMax, out var frame))
        {
            if (frame.Type == FrameType.Heartbeat)
            {
                continue;
            }

            if (!assemblers.TryGetValue(frame.Channel, out var assembler))
            {
                assembler = new CommandAssembler(MaxBodySize);
                assemblers.Add(frame.Channel, assembler);
            }

            if (assembler.TryAssemble(frame, out var command))
            {
                DecodeCommand(command);
            }
        }
    }

    private static void DecodeCommand(in AssembledCommand command)
    {
        var visitor = new SizeVisitor();
        AmqpMethods.Dispatch<SizeVisitor, int>(command.MethodId, command.Arguments, ref visitor);
        if (command.HasContent)
        {
            command.Header.ReadBasicProperties();
        }
    }

    private struct SizeVisitor : IAmqpMethodVisitor<int>
    {
        public readonly int Visit<TMethod>(in TMethod method)
            where TMethod : struct, IAmqpMethod<TMethod> => method.GetSize();
    }
}
