using System.Buffers;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>Arrays of the shared pool, counted: how many were rented and not returned, and whether one came back twice.</summary>
public sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly HashSet<byte[]> _outstanding = [];

    public int Outstanding
    {
        get
        {
            lock (_outstanding)
            {
                return _outstanding.Count;
            }
        }
    }

    public override byte[] Rent(int minimumLength)
    {
        var array = Shared.Rent(minimumLength);
        lock (_outstanding)
        {
            _outstanding.Add(array);
        }

        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_outstanding)
        {
            if (!_outstanding.Remove(array))
            {
                throw new InvalidOperationException("An array was returned that is not rented from this pool (returned twice?).");
            }
        }

        Shared.Return(array, clearArray);
    }
}
