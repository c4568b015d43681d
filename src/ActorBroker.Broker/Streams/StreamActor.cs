using ActorBroker.Broker.Client;
using ActorBroker.Broker.Collections;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// One stream: an append-only log that is an Akka.Persistence persistent actor on the node's journal plugin. What it
/// takes from its mailbox at once is one journal event, a <see cref="StreamChunk"/> (at most one chunk on its way,
/// so a busy stream writes about one chunk per commit of the plugin); offsets count messages, not events. A confirm
/// is settled once its chunk committed, and only committed messages are delivered. The actor keeps an index of
/// segments (its snapshot) and a bounded tail of recent chunks; consumers behind the tail read chunks back from the
/// journal. Talks the queue's protocol, so routing, channels and the management API need not know a stream from a
/// queue.
/// </summary>
internal sealed partial class StreamActor : UntypedPersistentActor, IWithTimers
{
    private readonly string _name;
    private readonly string _persistenceId;
    private readonly QueueDeclaration _declaration;
    private readonly StreamSettings _settings;
    private readonly VirtualHost _host;
    private readonly BrokerOptions _options;
    private readonly StreamChunkRun _tail = new();
    private readonly StreamChunkWriter _writer = new();
    private readonly Action<StreamChunk> _onPersisted;
    private StreamIndex _index = new();
    private long _nextOffset;
    private bool _writeRequested;
    private int _sinceSnapshot;
    private long? _deleteTo;
    private long _published;

    public StreamActor(string name, QueueDeclaration declaration, StreamSettings settings, string persistenceId, VirtualHost host, BrokerOptions options)
    {
        _name = name;
        _declaration = declaration;
        _settings = settings;
        _persistenceId = persistenceId;
        _host = host;
        _options = options;
        Partition = PartitionOf(name);
        // One delegate for every write: a method group would allocate one per chunk.
        _onPersisted = OnPersisted;
    }

    public override string PersistenceId => _persistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    private string Resource => $"queue '{_name}' in vhost '{_host.Name}'";

    protected override void OnRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: StreamIndexSnapshot snapshot }:
                _index = snapshot.Decode();
                break;
            case StreamChunk chunk:
                Appended(LastSequenceNr, chunk);
                break;
            case RecoveryCompleted:
                _nextOffset = _index.NextOffset;
                _end.NextOffset = _index.NextOffset;
                _sinceSnapshot = 0;
                if (_settings.MaxAge is { } maxAge)
                {
                    var every = TimeSpan.FromTicks(Math.Clamp(maxAge.Ticks / 4, TimeSpan.TicksPerSecond, TimeSpan.TicksPerMinute));
                    Timers.StartPeriodicTimer(StreamProtocol.ApplyRetention.Instance, StreamProtocol.ApplyRetention.Instance, every);
                }

                break;
        }
    }

    protected override void OnCommand(object message)
    {
        switch (message)
        {
            case Message published:
                Gather(published, null);
                break;
            case QueueProtocol.Publish publish:
                Gather(publish.Message, publish.Confirm);
                break;
            case StreamProtocol.WriteChunk:
                _writeRequested = false;
                if (_writer.ChunksInFlight == 0)
                {
                    WriteChunk();
                }

                break;
            case QueueProtocol.ConfirmBarrier barrier:
                if (!_writer.SettleWithGathered(barrier.Confirm))
                {
                    // Runs after the handlers of every chunk on its way: those are committed.
                    DeferAsync(barrier, b => b.Confirm.Settle(true));
                }

                break;
            case StreamProtocol.ApplyRetention:
                ApplyRetention();
                break;
            case StreamProtocol.StopAfterWrites stop:
                // After the chunks written so far (the one gathered goes now); then the groups' offsets finish their own writes.
                WriteChunk();
                DeferAsync(stop, _ => StopAfterGroupOffsets(stop));
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_groupOffsets) && _stopping:
                Context.Stop(Self);
                break;
            case SaveSnapshotSuccess saved:
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                if (_deleteTo is { } deleteTo)
                {
                    // The index saved without the dropped segments: now their chunks can go.
                    DeleteMessages(deleteTo);
                    _deleteTo = null;
                }

                break;
            case SaveSnapshotFailure failure:
                Context.GetLogger().Warning("Stream {0} could not save its index (the next one is tried later): {1}", _name, failure.Cause.Message);
                break;
            case DeleteMessagesSuccess or DeleteSnapshotsSuccess or DeleteSnapshotsFailure:
                break;
            case DeleteMessagesFailure failure:
                Context.GetLogger().Warning("Stream {0} could not delete segments retention dropped (they are no longer read): {1}", _name, failure.Cause.Message);
                break;
            default:
                if (!ReceiveConsumers(message) && !ReceiveGroups(message) && !ReceiveTransaction(message) && !ReceiveAdmin(message))
                {
                    Unhandled(message);
                }

                break;
        }
    }

    private void Gather(Message message, PublishConfirm? confirm)
    {
        if (_writer.Add(message, confirm))
        {
            WriteChunk();
        }
        else if (_writer.ChunksInFlight == 0 && !_writeRequested)
        {
            // Behind the messages already in the mailbox, which join this chunk.
            _writeRequested = true;
            Self.Tell(StreamProtocol.WriteChunk.Instance);
        }
    }

    private void WriteChunk()
    {
        if (!_writer.IsGathering)
        {
            return;
        }

        var chunk = _writer.Take(_nextOffset, _host.Clock.GetUtcNow());
        _nextOffset = chunk.EndOffset;
        PersistAsync(chunk, _onPersisted);
    }

    private void OnPersisted(StreamChunk chunk)
    {
        _writer.Written(accepted: true);
        _published += chunk.Messages.Length;
        // Akka has just set LastSequenceNr to this chunk's: the journal answers writes in order.
        var opened = Appended(LastSequenceNr, chunk);
        if (opened && _index.SegmentCount > 1)
        {
            ApplyRetention();
        }

        // Recovery replays the chunks after the newest index: at most this many.
        if (_options.Durability is { } durability && ++_sinceSnapshot >= durability.SnapshotEvery)
        {
            SaveIndex();
        }

        if (_writer.ChunksInFlight == 0)
        {
            // What gathered while this chunk was on its way.
            WriteChunk();
        }

        DeliverAll();
    }

    /// <returns>Whether the chunk opened a new segment.</returns>
    private bool Appended(long sequenceNr, StreamChunk chunk)
    {
        var opened = _index.Append(sequenceNr, chunk, _settings.MaxSegmentSizeBytes);
        _end.NextOffset = _index.NextOffset;
        _tail.Add(chunk);
        while (_tail.Chunks > 1 && (_tail.Messages > _options.QueueInMemoryMessages || _tail.Bytes > _options.QueueInMemoryBytes))
        {
            _tail.RemoveFirst();
        }

        return opened;
    }

    private void ApplyRetention()
    {
        if (!_index.ApplyRetention(_settings, _host.Clock.GetUtcNow()))
        {
            return;
        }

        while (_tail.Chunks > 0 && _tail.First.FirstOffset < _index.FirstOffset)
        {
            _tail.RemoveFirst();
        }

        _deleteTo = _index.FirstSequenceNr - 1;
        SaveIndex();
    }

    // A broker without durability runs on Akka's in-memory journal and never recovers: it needs no index saved
    // (and Akka's default snapshot store would write files), so dropped segments go at once.
    private void SaveIndex()
    {
        _sinceSnapshot = 0;
        if (_options.Durability is not null)
        {
            SaveSnapshot(new StreamIndexSnapshot(_index.Encode()));
        }
        else if (_deleteTo is { } deleteTo)
        {
            DeleteMessages(deleteTo);
            _deleteTo = null;
        }
    }

    // Akka stops a persistent actor whose write failed; the publishers still waiting are told no first.
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _writer.FailAll();
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _writer.Written(accepted: false);
        if (_writer.ChunksInFlight == 0)
        {
            // Its offsets were never written: the next chunk takes them.
            _nextOffset = _index.NextOffset;
        }

        base.OnPersistRejected(cause, @event, sequenceNr);
        if (_writer.ChunksInFlight == 0)
        {
            WriteChunk();
        }
    }

    /// <summary>The chunk of the tail that holds <paramref name="offset"/> (or the first after it, past a gap inside the tail).</summary>
    private bool TryTail(long offset, out StreamChunk chunk)
    {
        chunk = null!;
        return _tail.Chunks > 0 && offset >= _tail.First.FirstOffset && _tail.TryFind(offset, out chunk);
    }
}
