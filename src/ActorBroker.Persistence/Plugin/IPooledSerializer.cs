namespace ActorBroker.Persistence.Plugin;

/// <summary>
/// An Akka serializer that can also write an event into a pooled array. <see cref="GroupCommitJournal"/> asks it
/// first and gives the array back once the write holding the event is decided (committed or failed): a busy queue's
/// rows are tens of kilobytes each, and as new arrays they lived until their commit, so each was promoted out of
/// gen0 before it died. The bytes must be those <see cref="Akka.Serialization.Serializer.ToBinary"/> writes, so that
/// replay, which reads them back as an array, cannot tell the two apart.
/// </summary>
public interface IPooledSerializer
{
    /// <summary>Serializes <paramref name="obj"/> into a pooled array, or returns false for a type it leaves to <c>ToBinary</c>.</summary>
    bool TryToPooled(object obj, out PooledPayload payload);
}
