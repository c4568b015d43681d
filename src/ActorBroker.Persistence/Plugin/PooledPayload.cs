using System.Buffers;

namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// A serialized event in an array rented from <see cref="Pool"/>: its first <see cref="Length"/> bytes. Whoever holds
/// it gives the array back exactly once, through <see cref="Return"/>, and reads it no more.
/// </summary>
public readonly struct PooledPayload
{
    private readonly byte[] _array;

    /// <summary>Takes ownership of <paramref name="array"/>, rented from <paramref name="pool"/>, of which <paramref name="length"/> bytes are written.</summary>
    public PooledPayload(ArrayPool<byte> pool, byte[] array, int length)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)length, (uint)array.Length, nameof(length));
        Pool = pool;
        _array = array;
        Length = length;
    }

    /// <summary>The pool the array goes back to.</summary>
    public ArrayPool<byte> Pool { get; }

    /// <summary>How many bytes of the array the payload is.</summary>
    public int Length { get; }

    /// <summary>The payload's bytes.</summary>
    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    /// <summary>Gives the array back to <see cref="Pool"/>.</summary>
    public void Return() => Pool.Return(_array);
}
