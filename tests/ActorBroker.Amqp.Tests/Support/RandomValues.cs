using System.Text;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Tests.Support;

/// <summary>Seeded random values of every type the generated structs use.</summary>
internal sealed class RandomValues(int seed)
{
    private readonly Random _random = new(seed);

    public object For(Type type) => type switch
    {
        _ when type == typeof(bool) => _random.Next(2) == 1,
        _ when type == typeof(byte) => (byte)_random.Next(256),
        _ when type == typeof(ushort) => (ushort)_random.Next(65536),
        _ when type == typeof(uint) => (uint)_random.NextInt64(uint.MaxValue + 1L),
        _ when type == typeof(ulong) => (ulong)_random.NextInt64() * 2,
        _ when type == typeof(AmqpTimestamp) => new AmqpTimestamp(_random.NextInt64(long.MinValue, long.MaxValue)),
        _ when type == typeof(string) => ShortString(),
        _ when type == typeof(ReadOnlyMemory<byte>) => (ReadOnlyMemory<byte>)Bytes(_random.Next(0, 64)),
        _ when type == typeof(FieldTable) => Table(depth: 0),
        _ => throw new NotSupportedException($"no random values for {type}"),
    };

    public string ShortString()
    {
        var builder = new StringBuilder();
        var length = _random.Next(0, 24);
        for (var i = 0; i < length; i++)
        {
            // Mostly ASCII, with two- and three-byte UTF-8 characters mixed in.
            builder.Append(_random.Next(10) switch { 0 => 'é', 1 => '€', _ => (char)_random.Next('!', '~' + 1) });
        }

        return builder.ToString();
    }

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    public FieldTable Table(int depth)
    {
        var table = new FieldTable();
        var count = _random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            table[$"k{i}-{ShortString()}"] = Value(depth);
        }

        return table;
    }

    public FieldValue Value(int depth)
    {
        // Below two levels only scalars, so the nesting stays finite.
        var kinds = Enum.GetValues<FieldValueKind>()
            .Where(k => depth < 2 || k is not (FieldValueKind.Array or FieldValueKind.Table))
            .ToArray();
        var kind = kinds[_random.Next(kinds.Length)];
        return kind switch
        {
            FieldValueKind.Void => FieldValue.Void,
            FieldValueKind.Boolean => FieldValue.Of(_random.Next(2) == 1),
            FieldValueKind.SByte => FieldValue.Of((sbyte)_random.Next(-128, 128)),
            FieldValueKind.Byte => FieldValue.Of((byte)_random.Next(256)),
            FieldValueKind.Int16 => FieldValue.Of((short)_random.Next(short.MinValue, short.MaxValue + 1)),
            FieldValueKind.UInt16 => FieldValue.Of((ushort)_random.Next(65536)),
            FieldValueKind.Int32 => FieldValue.Of(_random.Next(int.MinValue, int.MaxValue)),
            FieldValueKind.UInt32 => FieldValue.Of((uint)_random.NextInt64(uint.MaxValue + 1L)),
            FieldValueKind.Int64 => FieldValue.Of(_random.NextInt64(long.MinValue, long.MaxValue)),
            FieldValueKind.Single => FieldValue.Of((float)_random.NextDouble()),
            FieldValueKind.Double => FieldValue.Of(_random.NextDouble() * 1e300),
            FieldValueKind.Decimal => FieldValue.Of(new AmqpDecimal((byte)_random.Next(29), (uint)_random.NextInt64(uint.MaxValue + 1L))),
            FieldValueKind.LongString => FieldValue.Of(ShortString()),
            FieldValueKind.ByteArray => FieldValue.ByteArray(Bytes(_random.Next(0, 16))),
            FieldValueKind.Timestamp => FieldValue.Of(new AmqpTimestamp(_random.NextInt64())),
            FieldValueKind.Array => FieldValue.Of(Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value(depth + 1)).ToList()),
            FieldValueKind.Table => FieldValue.Of(Table(depth + 1)),
            _ => throw new NotSupportedException(kind.ToString()),
        };
    }
}
