using System.Globalization;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Streams;

/// <summary>
/// Consumer groups (<c>x-consumer-group</c>): among a group's members on this stream exactly one is active. The
/// active one is member number <c>partition % members</c> in a stable order (by channel), so members that subscribe
/// to every partition of a super stream are each active on ⌊N/M⌋ or ⌈N/M⌉ of them. A partition moves to another
/// member only once the active one has settled what it holds; the new one starts at the group's committed offset.
/// </summary>
internal sealed partial class StreamActor
{
    public const string ConsumerGroupArgument = "x-consumer-group";

    private readonly Dictionary<string, ConsumerGroup> _groups = new(StringComparer.Ordinal);
    private readonly Metrics.StreamEnd _end = new();
    private Dictionary<string, long>? _committedOffsets;
    private IActorRef? _groupOffsets;
    private bool _stopping;

    /// <summary>The partition number of <c>&lt;super stream&gt;-N</c>; 0 for a stream of another name.</summary>
    private int Partition { get; }

    private bool ReceiveGroups(object message)
    {
        switch (message)
        {
            case StreamProtocol.GroupOffsetsRecovered recovered:
                _committedOffsets = recovered.Offsets;
                Stash.UnstashAll();
                return true;
            case ConsumerGroupCommitted durable when _groups.TryGetValue(durable.Group, out var group):
                // Journaled in order, so the newest answer is the newest durable offset (a move back included).
                group.DurablyCommitted = durable.Offset;
                return true;
            case StreamProtocol.ListConsumerGroups:
                Sender.Tell(_groups.Values.Select(Describe).ToArray());
                return true;
            default:
                return false;
        }
    }

    private static int PartitionOf(string stream)
    {
        var dash = stream.LastIndexOf('-');
        return dash >= 0 && int.TryParse(stream.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition) ? partition : 0;
    }

    /// <exception cref="BrokerException">The argument is not a non-empty string (precondition failed).</exception>
    private static string? GroupOf(ConsumerSpec spec)
    {
        if (spec.Arguments is null || !spec.Arguments.TryGetValue(ConsumerGroupArgument, out var value))
        {
            return null;
        }

        return value.Kind == FieldKind.String && value.AsString().Length > 0
            ? value.AsString()
            : throw BrokerException.PreconditionFailed($"invalid arg '{ConsumerGroupArgument}' ({value}, {value.Kind}): expected the group's name");
    }

    /// <summary>Whether the groups' committed offsets are recovered; starts their journal on the first group consumer.</summary>
    private bool GroupOffsetsReady()
    {
        if (_committedOffsets is not null)
        {
            return true;
        }

        if (_groupOffsets is null)
        {
            var (id, every, durable) = (ConsumerGroupOffsets.PersistenceIdOf(_persistenceId), _options.Durability?.SnapshotEvery ?? 1000, _options.Durability is not null);
            _groupOffsets = Context.ActorOf(Props.Create(() => new ConsumerGroupOffsets(id, every, durable)), "groups");
        }

        return false;
    }

    /// <summary>The group of that name here; one new here starts at its committed offset, or at the first message.</summary>
    private ConsumerGroup Group(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            var metrics = new Metrics.ConsumerGroupMetrics(_host.Name, _name, name, _end);
            group = new ConsumerGroup(name, _committedOffsets!.TryGetValue(name, out var committed) ? committed : _index.FirstOffset, metrics);
            _groups.Add(name, group);
            Metrics.BrokerMetrics.Track(metrics);
        }

        return group;
    }

    /// <summary>A member joins; an explicit <c>x-stream-offset</c> moves the whole group there.</summary>
    private void Join(ConsumerGroup group, StreamConsumer member, bool explicitStart)
    {
        group.Members.Add(member);
        group.Members.Sort((a, b) => a.Spec.ChannelId != b.Spec.ChannelId ? a.Spec.ChannelId.CompareTo(b.Spec.ChannelId) : a.Id.CompareTo(b.Id));
        if (explicitStart)
        {
            group.MoveTo(member.NextOffset);
            Commit(group);
            if (group.Active is { } active)
            {
                active.NextOffset = group.Committed;
            }
        }

        Rebalance(group);
    }

    private void Leave(StreamConsumer member)
    {
        if (member.Group is not { } group || !group.Members.Remove(member))
        {
            return;
        }

        if (group.Active == member)
        {
            group.Active = null;
        }

        if (group.Next == member)
        {
            group.Next = null;
        }

        Rebalance(group);
    }

    private void Rebalance(ConsumerGroup group)
    {
        var wanted = group.Members.Count == 0 ? null : group.Members[Partition % group.Members.Count];
        if (group.Active == wanted)
        {
            group.Next = null;
            return;
        }

        if (group.Active is { Unacked: > 0 })
        {
            // It keeps what it holds and gets nothing more; the partition moves when it has settled (Settled).
            group.Next = wanted;
            return;
        }

        Activate(group, wanted);
    }

    private void Activate(ConsumerGroup group, StreamConsumer? member)
    {
        group.Active = member;
        group.Next = null;
        if (member is not null)
        {
            member.NextOffset = Math.Max(group.Committed, _index.FirstOffset);
            member.ReadAhead.Clear();
            Deliver(member);
        }
    }

    private static bool IsReceiving(ConsumerGroup group, StreamConsumer member) => group.Active == member && group.Next is null;

    /// <summary>A member's delivery was settled: the group's committed offset may move, and a pending handover may happen.</summary>
    private void Settled(StreamConsumer member, long offset)
    {
        if (member.Group is not { } group || !group.Members.Contains(member))
        {
            return;
        }

        if (group.Ack(offset))
        {
            Commit(group);
        }

        if (group.Active == member && group.Next is { } next && member.Unacked == 0)
        {
            Activate(group, next);
        }
    }

    private static int DeliveryCount(StreamConsumer member, long offset)
    {
        if (member.Group is not { } group)
        {
            return 1;
        }

        var again = offset < group.DeliveredEnd;
        group.DeliveredEnd = Math.Max(group.DeliveredEnd, offset + 1);
        return again ? 2 : 1;
    }

    private void Commit(ConsumerGroup group)
    {
        _committedOffsets![group.Name] = group.Committed;
        _groupOffsets!.Tell(new ConsumerGroupCommitted(group.Name, group.Committed));
    }

    private ConsumerGroupInfo Describe(ConsumerGroup group)
    {
        var committed = Math.Max(group.DurablyCommitted, _index.FirstOffset);
        return new ConsumerGroupInfo(group.Name, committed, _index.NextOffset - committed, group.Members.Count, group.Active?.Spec.Tag);
    }

    private void StopAfterGroupOffsets(StreamProtocol.StopAfterWrites stop)
    {
        if (_groupOffsets is null)
        {
            Context.Stop(Self);
            return;
        }

        _stopping = true;
        Context.Watch(_groupOffsets);
        _groupOffsets.Tell(stop);
    }
}
