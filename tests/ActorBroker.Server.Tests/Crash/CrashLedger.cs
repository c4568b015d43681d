namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// What the clients of a crash test saw, stamped with one logical clock shared by all of them: a stamp taken
/// after one client observed something is greater than a stamp taken before another client then acted, so
/// stamps order events causally across producers, consumers and node incarnations (rounds).
/// </summary>
internal sealed partial class CrashLedger
{
    private readonly Lock _lock = new();
    private readonly List<Confirmed> _confirmed = [];
    private readonly List<Seen> _seen = [];
    private readonly List<AckApplied> _acks = [];
    private readonly Dictionary<int, long> _killedAt = [];
    private long _clock;
    private long _events;
    private (long Count, TaskCompletionSource Reached)? _trigger;

    public long Tick() => Interlocked.Increment(ref _clock);

    /// <summary>Completes once <paramref name="more"/> further confirms and deliveries have been recorded.</summary>
    public Task AfterEventsAsync(int more)
    {
        lock (_lock)
        {
            var trigger = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _trigger = (_events + more, trigger);
            return trigger.Task;
        }
    }

    /// <summary>A publish the node confirmed; <paramref name="sentAt"/> was stamped before it was sent.</summary>
    public void Confirm(MessageId id, int round, long sentAt) => Add(_confirmed, new Confirmed(id, round, sentAt), countsAsEvent: true);

    /// <summary>A delivery (basic.deliver or basic.get-ok), stamped once the client has it.</summary>
    public void See(MessageId id, int round, ulong tag, bool redelivered) =>
        Add(_seen, new Seen(id, round, tag, redelivered, Tick()), countsAsEvent: true);

    /// <summary>The node serving round <paramref name="round"/>'s queues is killed now (see <see cref="DurabilityHorizon"/>).</summary>
    public void NodeKilled(int round)
    {
        var at = Tick();
        lock (_lock)
        {
            _killedAt[round] = at;
        }
    }

    /// <summary>
    /// Acks that the queue has handled: a later reply of that queue on the same channel followed them. A reply after
    /// the round's kill proves nothing: in a cluster it may come from the node that adopted the queue, which never saw
    /// the acks the killed node had not journaled.
    /// </summary>
    public void AcksApplied(IEnumerable<MessageId> ids, int round)
    {
        var at = Tick();
        lock (_lock)
        {
            if (!_killedAt.ContainsKey(round))
            {
                _acks.AddRange(ids.Select(id => new AckApplied(id, round, at)));
            }
        }
    }

    private void Add<T>(List<T> list, T entry, bool countsAsEvent)
    {
        TaskCompletionSource? reached = null;
        lock (_lock)
        {
            list.Add(entry);
            if (countsAsEvent && ++_events >= _trigger?.Count)
            {
                reached = _trigger.Value.Reached;
                _trigger = null;
            }
        }

        reached?.TrySetResult();
    }

    private readonly record struct Confirmed(MessageId Id, int Round, long SentAt);

    private readonly record struct Seen(MessageId Id, int Round, ulong Tag, bool Redelivered, long At);

    private readonly record struct AckApplied(MessageId Id, int Round, long At);
}
