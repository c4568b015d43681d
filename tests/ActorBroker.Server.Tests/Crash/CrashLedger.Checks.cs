namespace ActorBroker.Server.Tests.Crash;

/// <summary>
/// The delivery contract, checked on what the clients saw. A record of a queue is durable once a publish to that
/// queue sent after it was recorded, and before the node was killed, is confirmed in the same node incarnation: the queue journals its records in
/// the order it handles them and commits its rows in that order, and a confirm waits for the commit of the row
/// holding its message. Only such acks are held to survive a crash; the others may or may not. Every redelivery,
/// durable or not, must carry the redelivered flag.
/// </summary>
internal sealed partial class CrashLedger
{
    /// <summary>Every broken promise, each naming its message; empty when the node kept the contract.</summary>
    public List<string> Violations()
    {
        lock (_lock)
        {
            var deliveries = _seen.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.OrderBy(s => s.At).ToList());
            var horizon = DurabilityHorizon();
            bool Durable(int round, int queue, long at) => horizon.TryGetValue((round, queue), out var last) && last > at;
            return
            [
                .. _confirmed.Where(c => !deliveries.ContainsKey(c.Id)).Select(c => $"{c.Id} was confirmed in round {c.Round} but never delivered"),
                .. AckedDeliveredAgain(deliveries, Durable),
                .. RedeliveriesNotFlagged(deliveries),
                .. FirstDeliveriesOutOfOrder(deliveries),
            ];
        }
    }

    public string Summary()
    {
        lock (_lock)
        {
            var distinct = _seen.Select(s => s.Id).Distinct().Count();
            return $"{_confirmed.Count} confirmed, {distinct} messages delivered ({_seen.Count} deliveries, " +
                $"{_seen.Count(s => s.Redelivered)} flagged redelivered), {_acks.Count} acks handled by their queue";
        }
    }

    // Only publishes sent before the kill: in a cluster, one sent after it is confirmed by the node that adopted the
    // queue, which says nothing of the writes the killed node had not committed yet.
    private Dictionary<(int Round, int Queue), long> DurabilityHorizon() =>
        _confirmed.Where(c => !_killedAt.TryGetValue(c.Round, out var killed) || c.SentAt < killed)
            .GroupBy(c => (c.Round, c.Id.Queue)).ToDictionary(g => g.Key, g => g.Max(c => c.SentAt));

    private IEnumerable<string> AckedDeliveredAgain(Dictionary<MessageId, List<Seen>> deliveries, Func<int, int, long, bool> durable)
    {
        foreach (var ack in _acks.GroupBy(a => a.Id).Select(g => g.MinBy(a => a.At)))
        {
            var durableAck = durable(ack.Round, ack.Id.Queue, ack.At);
            foreach (var again in deliveries[ack.Id].Where(s => s.At > ack.At && (s.Round == ack.Round || durableAck)))
            {
                yield return $"{ack.Id} was delivered again in round {again.Round} after its queue handled its ack in round {ack.Round}" +
                    (again.Round == ack.Round ? "" : " and a later publish to the queue was confirmed");
            }
        }
    }

    /// <summary>
    /// A message seen before comes back flagged even if its delivery was not yet durable when the node died: after a
    /// crash the node flags every recovered message.
    /// </summary>
    private IEnumerable<string> RedeliveriesNotFlagged(Dictionary<MessageId, List<Seen>> deliveries)
    {
        foreach (var (id, seen) in deliveries)
        {
            for (var i = 1; i < seen.Count; i++)
            {
                var (again, earlier) = (seen[i], seen.Take(i).ToList());
                if (earlier.Any(s => s.Round == again.Round && AfterKill(s) == AfterKill(again)))
                {
                    yield return $"{id} was delivered twice by one node incarnation (round {again.Round}) while its consumer's channel stayed open";
                }
                else if (!again.Redelivered)
                {
                    yield return $"{id} came back in round {again.Round} without the redelivered flag after its delivery in round {earlier[0].Round}";
                }
            }
        }
    }

    // A round's clients may go on after its kill (a cluster keeps serving): what they see then may come from the node
    // that adopted the queue, another incarnation, which recovers every message flagged redelivered.
    private bool AfterKill(Seen seen) => _killedAt.TryGetValue(seen.Round, out var killed) && seen.At > killed;

    /// <summary>One consumer per queue and channel: delivery tags give the order in which the queue handed messages out.</summary>
    private static IEnumerable<string> FirstDeliveriesOutOfOrder(Dictionary<MessageId, List<Seen>> deliveries)
    {
        var firsts = deliveries.Values.Select(seen => seen[0]).OrderBy(s => s.Round).ThenBy(s => s.Tag);
        foreach (var stream in firsts.GroupBy(s => (s.Id.Publisher, s.Id.Queue)))
        {
            var previous = -1L;
            foreach (var seen in stream)
            {
                if (seen.Id.Sequence < previous)
                {
                    yield return $"{seen.Id} was first delivered (round {seen.Round}, tag {seen.Tag}) after message {previous} of its publisher to that queue";
                }

                previous = Math.Max(previous, seen.Id.Sequence);
            }
        }
    }
}
