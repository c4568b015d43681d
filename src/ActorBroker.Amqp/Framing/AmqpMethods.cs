using System.Buffers.Binary;
using System.Globalization;

namespace ActorBroker.Amqp.Framing;

/// <summary>Method ids: reading them from a method frame payload, naming them, dispatching on them.</summary>
public static partial class AmqpMethods
{
    /// <summary>Bytes taken by the class id and method id at the start of a method frame payload.</summary>
    public const int IdSize = 4;

    /// <summary>Reads the class id and method id that open a method frame payload; the arguments follow.</summary>
    /// <exception cref="AmqpProtocolException">Fewer than four bytes (501).</exception>
    public static AmqpMethodId ReadId(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < IdSize)
        {
            throw AmqpProtocolException.Frame(string.Create(
                CultureInfo.InvariantCulture, $"method frame payload of {payload.Length} bytes is too short for class and method ids"));
        }

        return (AmqpMethodId)BinaryPrimitives.ReadUInt32BigEndian(payload);
    }

    public static AmqpMethodId Compose(ushort classId, ushort methodId) => (AmqpMethodId)(((uint)classId << 16) | methodId);

    public static ushort ClassIdOf(AmqpMethodId id) => (ushort)((uint)id >> 16);

    public static ushort MethodIdOf(AmqpMethodId id) => (ushort)id;

    /// <summary>The dotted name for messages, or <c>class 60 method 999</c> for an unknown id.</summary>
    public static string Describe(AmqpMethodId id) => GetName(id)
        ?? string.Create(CultureInfo.InvariantCulture, $"class {ClassIdOf(id)} method {MethodIdOf(id)}");
}
