namespace ActorBroker.Fuzz.Targets;

/// <summary>
/// Holds one run of a target to managed allocations in proportion to its input: bad input may cost memory
/// for the bytes it sends, never for a size it merely announces or for repeating a cheap construct.
/// </summary>
public readonly struct AllocationBudget
{
    private readonly long _start;
    private readonly long _limit;

    private AllocationBudget(long limit)
    {
        _limit = limit;
        _start = GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>Starts counting: <paramref name="fixedBytes"/> plus <paramref name="bytesPerInputByte"/> for each input byte.</summary>
    public static AllocationBudget Start(int inputLength, long fixedBytes, long bytesPerInputByte) =>
        new(fixedBytes + (bytesPerInputByte * inputLength));

    /// <exception cref="InvalidOperationException">The run allocated more than its budget.</exception>
    public void Check(string target)
    {
        var used = GC.GetAllocatedBytesForCurrentThread() - _start;
        if (used > _limit)
        {
            throw new InvalidOperationException($"{target}: one input allocated {used} bytes, over its budget of {_limit}");
        }
    }
}
