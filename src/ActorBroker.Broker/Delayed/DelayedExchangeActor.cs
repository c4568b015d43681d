using ActorBroker.Broker.Client;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Remoting;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Delayed;

/// <summary>
/// Holds the messages published to one <c>x-delayed-message</c> exchange with an <c>x-delay</c> and routes each when it
/// is due, by due time then publish order, through the exchange's bindings as they are then. A durable exchange of
/// a durable broker journals them on its own persistent actor (<see cref="RecordJournalActor"/>, persistence id
/// <c>delayed/&lt;vhost&gt;/&lt;exchange&gt;</c>): a publisher's confirm waits for the message's record, and a held message
/// is released in the journal only once every queue it was routed to confirmed it, so a crash routes it again at
/// worst (at least once). Messages published before the journal recovered wait in the stash. Memory stays bounded:
/// past <see cref="BrokerOptions.QueueInMemoryMessages"/> bodies, a journaled message keeps only its due time and id
/// in memory and its body is read back from the journal when due (see the Paging and Compaction parts).
/// </summary>
internal sealed partial class DelayedExchangeActor : JournaledExchangeActor, IWithTimers
{
    private readonly VirtualHost _host;
    private readonly string _exchange;
    private readonly BrokerOptions _options;
    private readonly DelaySchedule _schedule = new();
    private long _nextId = 1;

    public DelayedExchangeActor(VirtualHost host, string exchange, BrokerOptions options, bool durable)
        : base(options)
    {
        _host = host;
        _exchange = exchange;
        _options = options;
        Begin(durable && options.Durability is not null ? PersistenceIdOf(host.Name, exchange) : null, $"Delayed exchange '{exchange}'");
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdOf(string virtualHost, string exchange) => $"delayed/{virtualHost}/{exchange}";

    protected override void Recovered() => ScheduleRelease();

    protected override void Serve()
    {
        Receive<DelayedProtocol.Hold>(Hold);
        Receive<DelayedProtocol.Journaled>(journaled =>
        {
            // Held first: a compaction the write triggers must see the message among the held.
            Held(journaled.Id, journaled.Hold);
            Written(journaled.Id);
        });
        Receive<DelayedProtocol.NotJournaled>(failed =>
        {
            _writesInFlight--;
            failed.Hold.Confirm?.Settle(false);
        });
        Receive<DelayedProtocol.ReleaseDue>(_ => ReleaseDue());
        Receive<DelayedProtocol.Routed>(Released);
        Receive<DelayedProtocol.ReleaseWritten>(written =>
        {
            if (written.SequenceNr > 0)
            {
                _releasing.Remove(written.Id);
            }

            Written(written.SequenceNr);
        });
        Receive<DelayedProtocol.Discard>(_ => Discard());
        ReceivePagedBodies();
    }

    private void Hold(DelayedProtocol.Hold hold)
    {
        if (Journal is null)
        {
            Held(_nextId++, hold);
            return;
        }

        _writesInFlight++;
        Journal.WriteAsync(new DelayedRecord.Held(hold.Due, hold.Message)).PipeTo(
            Self,
            success: id => new DelayedProtocol.Journaled(id, hold),
            failure: _ => new DelayedProtocol.NotJournaled(hold));
    }

    private void Held(long id, DelayedProtocol.Hold hold)
    {
        _schedule.Add(id, hold.Due, KeepsBodies ? hold.Message : null);
        hold.Confirm?.Settle(true);
        ScheduleRelease();
    }

    private void ReleaseDue()
    {
        var now = _host.Clock.GetUtcNow();
        var route = new RouteResult();
        while (_schedule.TryPeekDue(now, out var id, out var due, out var body))
        {
            if (body is null)
            {
                // Due order holds: nothing after it is released before its body is back.
                PageIn();
                return;
            }

            _schedule.Remove(id);
            Route(id, due, body, route);
        }

        ScheduleRelease();
    }

    // Routed as the exchange's bindings are now; a message that reaches no queue is dropped, as the plugin drops it.
    private void Route(long id, DateTimeOffset due, Message message, RouteResult route)
    {
        var routing = _host.Routing;
        try
        {
            routing.Route(_exchange, message, route);
        }
        catch (BrokerException gone)
        {
            Context.GetLogger().Warning("Delayed exchange {0} dropped a due message: {1}", _exchange, gone.Message);
            Self.Tell(new DelayedProtocol.Routed(id, due));
            return;
        }

        var confirm = new PublishConfirm(route.Queues.Count);
        var publish = new QueueProtocol.Publish(message, confirm);
        var verdict = default(SchemaVerdict);
        foreach (var queue in route.Queues)
        {
            // A queue's schema is checked as the message reaches it; one that fails is dead-lettered by the host.
            if (routing.TryGetQueue(queue.Name, out var found) && found is QueueEndpoint endpoint && _host.AdmittedBySchema(endpoint, message, ref verdict))
            {
                ConfirmRelay.Tell(endpoint.Actor, publish);
            }
            else
            {
                confirm.Settle(true);
            }
        }

        // A queue that refused it (full, reject-publish) has had its say: the message counts as routed, not retried.
        var self = Self;
        confirm.Task.ContinueWith(
            _ => self.Tell(new DelayedProtocol.Routed(id, due), ActorRefs.NoSender),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void ScheduleRelease()
    {
        if (_schedule.NextDue is not { } due)
        {
            Timers.Cancel(DelayedProtocol.ReleaseDue.Instance);
            return;
        }

        var wait = due - _host.Clock.GetUtcNow();
        Timers.StartSingleTimer(DelayedProtocol.ReleaseDue.Instance, DelayedProtocol.ReleaseDue.Instance, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private void Discard()
    {
        _schedule.Clear();
        Journal?.WriteAsync(new DelayedRecord.Discarded());
        Context.Stop(Self);
    }
}
