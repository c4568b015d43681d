using ActorBroker.Broker.Client;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Deduplication;

/// <summary>
/// The window of one <c>x-message-deduplication</c> exchange: messages published to it with an
/// <c>x-deduplication-header</c> come here (the channel routes those without one itself) and are routed to every
/// bound queue unless their id is in the window. A durable exchange of a durable broker journals each id on its own
/// persistent actor (<see cref="RecordJournalActor"/>, persistence id <c>deduplication/&lt;vhost&gt;/&lt;exchange&gt;</c>)
/// once every queue it reached confirmed the message, and only then confirms the publisher: a crash before that
/// loses the id, never the message (the publisher retries and the message is routed again: at least once). A
/// duplicate is confirmed once its original is; if the original was refused, the duplicate is nacked with it.
/// </summary>
internal sealed class DeduplicatingExchangeActor : JournaledExchangeActor
{
    private const int CompactEvery = 10_000;

    private readonly VirtualHost _host;
    private readonly string _exchange;
    private readonly BrokerOptions _options;
    private readonly DeduplicationWindow _window;
    private readonly RouteResult _route = new();

    // Ids on their way (routed, or their record being written), with the confirms of duplicates that came meanwhile.
    private readonly Dictionary<string, List<PublishConfirm>> _pending = new(StringComparer.Ordinal);
    private long _nextSequence;
    private long _lastWritten;
    private int _writesSinceCompaction;

    public DeduplicatingExchangeActor(VirtualHost host, string exchange, BrokerOptions options, DeduplicationSettings settings, bool durable)
        : base(options)
    {
        _host = host;
        _exchange = exchange;
        _options = options;
        _window = new DeduplicationWindow(settings);
        Begin(durable && options.Durability is not null ? PersistenceIdOf(host.Name, exchange) : null, $"Deduplication exchange '{exchange}'");
    }

    public static string PersistenceIdOf(string virtualHost, string exchange) => $"deduplication/{virtualHost}/{exchange}";

    protected override void Serve()
    {
        Receive<DeduplicationProtocol.Publish>(Publish);
        Receive<DeduplicationProtocol.Routed>(Routed);
        Receive<DeduplicationProtocol.SeenJournaled>(journaled =>
        {
            _lastWritten = Math.Max(_lastWritten, journaled.SequenceNr);
            Settle(journaled.Routed.Publish, accepted: true);
            CompactIfDue();
        });
        Receive<DeduplicationProtocol.Discard>(_ =>
        {
            Journal?.WriteAsync(new DeduplicationRecord.Discarded());
            Context.Stop(Self);
        });
    }

    protected override void Recover(RecordJournalProtocol.Recovered recovered)
    {
        if (recovered.Snapshot is DeduplicationSnapshot snapshot)
        {
            foreach (var (key, seenAt) in snapshot.Entries)
            {
                _window.Add(key, ++_nextSequence, seenAt, journaled: true);
            }
        }

        foreach (var (_, record) in recovered.Records)
        {
            switch (record)
            {
                case DeduplicationRecord.Seen seen:
                    _window.Add(seen.Key, ++_nextSequence, seen.SeenAt, journaled: true);
                    break;
                case DeduplicationRecord.Discarded:
                    foreach (var entry in _window.Entries.ToList())
                    {
                        _window.Forget(entry.Key, entry.Sequence);
                    }

                    break;
            }
        }

        _lastWritten = recovered.LastSequenceNr;
    }

    private void Publish(DeduplicationProtocol.Publish publish)
    {
        var now = _host.Clock.GetUtcNow();
        if (_window.Contains(publish.Key, now))
        {
            if (_pending.TryGetValue(publish.Key, out var waiting))
            {
                if (publish.Confirm is { } confirm)
                {
                    waiting.Add(confirm);
                }
            }
            else
            {
                publish.Confirm?.Settle(true);
            }

            return;
        }

        var sequence = ++_nextSequence;
        _window.Add(publish.Key, sequence, now, journaled: Journal is not null);
        _pending[publish.Key] = [];
        var self = Self;
        _host.PublishConfirmedAsync(publish.Message, _route).ContinueWith(
            routed => self.Tell(new DeduplicationProtocol.Routed(publish, sequence, now, routed.IsCompletedSuccessfully && routed.Result), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Routed(DeduplicationProtocol.Routed routed)
    {
        if (!routed.Accepted)
        {
            // The publisher will send it again: that is no duplicate.
            _window.Forget(routed.Publish.Key, routed.Sequence);
            Settle(routed.Publish, accepted: false);
            return;
        }

        if (Journal is null)
        {
            Settle(routed.Publish, accepted: true);
            return;
        }

        // A failed write leaves the id in memory only: the message is in its queues, so the publisher still hears yes.
        Journal.WriteAsync(new DeduplicationRecord.Seen(routed.Publish.Key, routed.SeenAt)).PipeTo(
            Self,
            success: sequenceNr => new DeduplicationProtocol.SeenJournaled(routed, sequenceNr),
            failure: _ => new DeduplicationProtocol.SeenJournaled(routed, 0));
    }

    private void Settle(DeduplicationProtocol.Publish publish, bool accepted)
    {
        publish.Confirm?.Settle(accepted);
        if (_pending.Remove(publish.Key, out var duplicates))
        {
            foreach (var duplicate in duplicates)
            {
                duplicate.Settle(accepted);
            }
        }
    }

    /// <summary>
    /// Every <see cref="CompactEvery"/> records (or twice the window, if more) the window is saved as a snapshot at the
    /// last durable record and the records up to it are deleted. Ids still on their way are left out: their records
    /// come after that point and stay.
    /// </summary>
    private void CompactIfDue()
    {
        if (Journal is null || ++_writesSinceCompaction < Math.Max(CompactEvery, _window.Count * 2))
        {
            return;
        }

        _writesSinceCompaction = 0;
        var entries = _window.Entries.Where(e => !_pending.ContainsKey(e.Key)).Select(e => (e.Key, e.SeenAt)).ToList();
        Journal.Compact(new DeduplicationSnapshot(entries), _lastWritten);
    }
}
