using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Persistence.Plugin;

public sealed partial class GroupCommitJournal
{
    protected override bool ReceivePluginInternal(object message)
    {
        if (message is not ReadEvents read)
        {
            return false;
        }

        ReadAsync(Context, read).PipeTo(read.ReplyTo);
        return true;
    }

    /// <summary>A replay of <paramref name="read"/>'s range that is no recovery: no claim of the id (see <see cref="ReadEvents"/>).</summary>
    private async Task<object> ReadAsync(IActorContext context, ReadEvents read)
    {
        try
        {
            var store = await _store.GetAsync().ConfigureAwait(false);
            // As a replay does (in ReadHighestSequenceNrAsync): rows of writes still on their way are read once committed.
            await store.Writer.WhenWrittenAsync().ConfigureAwait(false);
            await ReplayMessagesAsync(context, read.PersistenceId, read.FromSequenceNr, read.ToSequenceNr, long.MaxValue,
                persistent => read.ReplyTo.Tell(new ReplayedMessage(persistent), ActorRefs.NoSender)).ConfigureAwait(false);
            return new RecoverySuccess(read.ToSequenceNr);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return new ReplayMessagesFailure(failure);
        }
    }
}
