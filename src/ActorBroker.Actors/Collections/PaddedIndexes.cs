using System.Runtime.InteropServices;

namespace ActorBroker.Actors;

/// <summary>
/// A consumer index and a producer index on separate cache lines, so the consumer's writes do not
/// invalidate the line the producers contend on. (Outside the generic queue: generic types cannot have
/// an explicit layout.)
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedIndexes
{
    [FieldOffset(0)]
    public int Head;

    [FieldOffset(64)]
    public int Tail;
}
