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
/// One stream: an append-only log that is an Akka.Persistence persistent actor on the node's journal plugin. Each
/// message is one journal event (offset = sequence number − 1), written with <c>PersistAsync</c> so the plugin
/// commits many publishes in one transaction; a confirm is settled once its write committed, and only committed
/// messages are delivered. The actor keeps an index of segments (its snapshot) and a bounded tail of recent entries;
/// consumers behind the tail read ranges back from the journal. Talks the queue's protocol, so routing, channels and
/// the management API need not know a stream from a queue.
/// </summary>
internal sealed partial class StreamActor : UntypedPersistentActor, IWithTimers
{
    private readonly string _name;
    private readonly string _persistenceId;
    private readonly QueueDeclaration _declaration;
    private readonly StreamSettings _settings;
    private readonly VirtualHost _host;
    private readonly BrokerOptions _options;
    private readonly Deque<(long Offset, StreamEntry Entry)> _tail = new();
    private readonly Queue<PublishConfirm?> _pendingConfirms = new();
    private readonly Action<StreamEntry> _onPersisted;
    private StreamIndex _index = new();
    private long _tailBytes;
    private int _sinceSnapshot;
    private long? _deleteBelow;
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
        // One delegate for every write: a method group would allocate one per message.
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
            case StreamEntry entry:
                Appended(LastSequenceNr - 1, entry);
                break;
            case RecoveryCompleted:
                _index.EndsAt(LastSequenceNr);
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
                Append(published, null);
                break;
            case QueueProtocol.Publish publish:
                Append(publish.Message, publish.Confirm);
                break;
            case QueueProtocol.ConfirmBarrier barrier:
                // Runs after the handlers of every write asked for before it: those are committed.
                DeferAsync(barrier, b => b.Confirm.Settle(true));
                break;
            case StreamProtocol.ApplyRetention:
                ApplyRetention();
                break;
            case StreamProtocol.StopAfterWrites stop:
                // After the entries persisted so far; then the groups' offsets finish their own writes.
                DeferAsync(stop, _ => StopAfterGroupOffsets(stop));
                break;
            case Terminated terminated when terminated.ActorRef.Equals(_groupOffsets) && _stopping:
                Context.Stop(Self);
                break;
            case SaveSnapshotSuccess saved:
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
                if (_deleteBelow is { } below)
                {
                    // The index saved without the dropped segments: now their entries can go.
                    DeleteMessages(below);
                    _deleteBelow = null;
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

    private void Append(Message message, PublishConfirm? confirm)
    {
        _pendingConfirms.Enqueue(confirm);
        PersistAsync(new StreamEntry(_host.Clock.GetUtcNow(), message), _onPersisted);
    }

    private void OnPersisted(StreamEntry entry)
    {
        _pendingConfirms.Dequeue()?.Settle(true);
        _published++;
        var opened = Appended(LastSequenceNr - 1, entry);
        if (opened && _index.SegmentCount > 1)
        {
            ApplyRetention();
        }

        // Recovery replays the entries after the newest index: at most this many.
        if (_options.Durability is { } durability && ++_sinceSnapshot >= durability.SnapshotEvery)
        {
            SaveIndex();
        }

        DeliverAll();
    }

    /// <returns>Whether the entry opened a new segment.</returns>
    private bool Appended(long offset, StreamEntry entry)
    {
        var opened = _index.Append(offset, entry.Timestamp, entry.Size, _settings.MaxSegmentSizeBytes);
        _end.NextOffset = _index.NextOffset;
        if (_tail.Count > 0 && _tail[_tail.Count - 1].Offset != offset - 1)
        {
            // The tail is a run of consecutive offsets; after a gap it starts again.
            _tail.Clear();
            _tailBytes = 0;
        }

        _tail.PushBack((offset, entry));
        _tailBytes += entry.Size;
        while (_tail.Count > _options.QueueInMemoryMessages || (_tailBytes > _options.QueueInMemoryBytes && _tail.Count > 1))
        {
            _tailBytes -= _tail.PopFront().Entry.Size;
        }

        return opened;
    }

    private void ApplyRetention()
    {
        if (!_index.ApplyRetention(_settings, _host.Clock.GetUtcNow()))
        {
            return;
        }

        while (_tail.Count > 0 && _tail.PeekFront().Offset < _index.FirstOffset)
        {
            _tailBytes -= _tail.PopFront().Entry.Size;
        }

        _deleteBelow = _index.FirstOffset;
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
        else if (_deleteBelow is { } below)
        {
            DeleteMessages(below);
            _deleteBelow = null;
        }
    }

    // Akka stops a persistent actor whose write failed; the publishers still waiting are told no first.
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        while (_pendingConfirms.TryDequeue(out var confirm))
        {
            confirm?.Settle(false);
        }

        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _pendingConfirms.Dequeue()?.Settle(false);
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private bool TryTail(long offset, out StreamEntry entry)
    {
        if (_tail.Count > 0 && offset >= _tail.PeekFront().Offset && offset - _tail.PeekFront().Offset < _tail.Count)
        {
            entry = _tail[(int)(offset - _tail.PeekFront().Offset)].Entry;
            return true;
        }

        entry = null!;
        return false;
    }
}
