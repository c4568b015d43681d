namespace ActorBroker.Persistence.Journal;

/// <summary>
/// The store refused a batch because of its content (a sequence number already taken), not because it
/// was unavailable: retrying the same writes will fail again.
/// </summary>
public sealed class JournalRejectedException : Exception
{
    public JournalRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
