namespace ActorBroker.Persistence.Journal;

/// <summary>
/// A write was not stored: its batch failed (store unavailable, disk full, connection lost, sequence
/// number taken) or the writer was shut down. The inner exception is the store's own error.
/// </summary>
public sealed class JournalWriteException : Exception
{
    public JournalWriteException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
