using System.Buffers.Binary;
using System.Numerics;

namespace ActorBroker.Persistence.Sql;

/// <summary>CRC-32C of a payload, stored beside it so that a truncated or altered row is recognised on read.</summary>
internal static class Crc32C
{
    public static long Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
