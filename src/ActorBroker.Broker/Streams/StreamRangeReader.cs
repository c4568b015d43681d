using Akka.Actor;
using Akka.Persistence;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// Reads one range of a stream's log for one consumer and hands it to the stream. It asks the journal with
/// Akka.Persistence's own <see cref="ReplayMessages"/>, which every journal plugin answers for any range, so a
/// consumer reading from an offset costs a read of that range, not a replay of the log from its start.
/// </summary>
internal sealed class StreamRangeReader : ActorBase
{
    private readonly long _consumerId;
    private readonly long _lastOffset;
    private readonly List<(long Offset, StreamEntry Entry)> _entries = [];

    public StreamRangeReader(IActorRef journal, string persistenceId, long consumerId, long firstOffset, long lastOffset, TimeSpan timeout)
    {
        _consumerId = consumerId;
        _lastOffset = lastOffset;
        // Offsets count from 0, sequence numbers from 1.
        journal.Tell(new ReplayMessages(firstOffset + 1, lastOffset + 1, lastOffset - firstOffset + 1, persistenceId, Self));
        Context.SetReceiveTimeout(timeout);
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case ReplayedMessage { Persistent: { Payload: StreamEntry entry } persistent }:
                _entries.Add((persistent.SequenceNr - 1, entry));
                return true;
            case RecoverySuccess:
                Finish(new StreamProtocol.RangeRead(_consumerId, _entries, _lastOffset));
                return true;
            case ReplayMessagesFailure failure:
                Finish(new StreamProtocol.RangeReadFailed(_consumerId, failure.Cause));
                return true;
            case ReceiveTimeout:
                Finish(new StreamProtocol.RangeReadFailed(_consumerId, new TimeoutException("The journal did not answer a stream read in time.")));
                return true;
            default:
                return false;
        }
    }

    private void Finish(object outcome)
    {
        Context.Parent.Tell(outcome);
        Context.Stop(Self);
    }
}
