namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>Consumer groups on a super stream: one active member per partition, spread evenly, handed over without loss or duplicates.</summary>
public sealed class ConsumerGroupTests : NodeTest
{
    private const int Partitions = 6;

    private async Task DeclareSuperStreamAsync() =>
        await Channel.ExchangeDeclareAsync("orders", "x-super-stream", durable: true, autoDelete: false, new Dictionary<string, object?> { ["x-partitions"] = Partitions });

    private static async Task PublishAsync(IChannel publisher, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await publisher.BasicPublishAsync("orders", $"key-{i % 17}", true, new BasicProperties(), Encoding.UTF8.GetBytes($"m{i}")).AsTask().WaitAsync(BrokerNode.Timeout);
        }
    }

    private async Task<Dictionary<string, int>> ActivePartitionsByMemberAsync()
    {
        var active = new Dictionary<string, int>();
        for (var partition = 0; partition < Partitions; partition++)
        {
            var groups = await Node.Broker.Admin.ListConsumerGroupsAsync("/", $"orders-{partition}");
            var member = groups.Single(g => g.Group == "billing").ActiveConsumer!.Split('-')[0];
            active[member] = active.GetValueOrDefault(member) + 1;
        }

        return active;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + BrokerNode.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Members_that_subscribe_to_every_partition_are_each_active_on_an_even_share()
    {
        await DeclareSuperStreamAsync();
        await using var a = await GroupMember.JoinAsync(Node, "a", "orders", Partitions, "billing");
        await using var b = await GroupMember.JoinAsync(Node, "b", "orders", Partitions, "billing");
        await using var c = await GroupMember.JoinAsync(Node, "c", "orders", Partitions, "billing");
        await using var d = await GroupMember.JoinAsync(Node, "d", "orders", Partitions, "billing");

        var shares = await ActivePartitionsByMemberAsync();

        Assert.Equal(4, shares.Count);
        Assert.All(shares.Values, share => Assert.InRange(share, 1, 2));
    }

    [Fact]
    public async Task Three_members_joining_and_leaving_while_messages_flow_process_each_message_once_in_order_per_partition()
    {
        await DeclareSuperStreamAsync();
        await using var publisher = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var members = new List<GroupMember> { await GroupMember.JoinAsync(Node, "a", "orders", Partitions, "billing") };
        await PublishAsync(publisher, 0, 60);
        members.Add(await GroupMember.JoinAsync(Node, "b", "orders", Partitions, "billing"));
        await PublishAsync(publisher, 60, 60);
        members.Add(await GroupMember.JoinAsync(Node, "c", "orders", Partitions, "billing"));
        await PublishAsync(publisher, 120, 60);
        await members[0].DisposeAsync();
        await PublishAsync(publisher, 180, 60);
        await WaitUntilAsync(() => members.Sum(m => m.Acked.Count) >= 240, "the group acked all 240 messages");
        await members[1].DisposeAsync();
        await members[2].DisposeAsync();

        var acked = members.SelectMany(m => m.Acked.Select(a => (Member: m.Name, a.Partition, a.Offset, a.Body))).ToList();
        Assert.Equal(240, acked.Count);
        Assert.Equal(240, acked.Select(a => a.Body).Distinct().Count());
        foreach (var partition in acked.GroupBy(a => a.Partition))
        {
            // None skipped, none twice: the partition's offsets are exactly 0 … n−1.
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(o => (long)o), partition.Select(a => a.Offset).Order());
            foreach (var byMember in partition.GroupBy(a => a.Member))
            {
                Assert.Equal(byMember.Select(a => a.Offset).Order(), byMember.Select(a => a.Offset));
            }
        }

        foreach (var member in members)
        {
            await member.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_group_lag_is_what_the_group_has_not_acked_yet()
    {
        await StreamClient.DeclareAsync(Channel, "events");
        await using var publisher = await Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await StreamClient.PublishAsync(publisher, "events", [.. Enumerable.Range(0, 10).Select(i => $"m{i}")]);
        await using var member = await Connection.CreateChannelAsync();
        await member.BasicQosAsync(0, 4, false);
        var received = new Received(member);
        await member.BasicConsumeAsync("events", autoAck: false, "", noLocal: false, exclusive: false, new Dictionary<string, object?> { ["x-consumer-group"] = "audit" }, received.Consumer);

        await StreamClient.TakeAsync(received, 3);
        var deadline = DateTime.UtcNow + BrokerNode.Timeout;
        Broker.Streams.ConsumerGroupInfo group;
        do
        {
            group = (await Node.Broker.Admin.ListConsumerGroupsAsync("/", "events")).Single();
        }
        while (group.CommittedOffset < 3 && DateTime.UtcNow < deadline);

        Assert.Equal(("audit", 3L, 7L, 1), (group.Group, group.CommittedOffset, group.Lag, group.Members));
        Assert.Equal(7, GroupGauge("actorbroker.stream.consumer_group.lag", "audit"));
        Assert.Equal(3, GroupGauge("actorbroker.stream.consumer_group.committed_offset", "audit"));
    }

    /// <summary>What the broker's meter reports now for one consumer group's gauge.</summary>
    private static long? GroupGauge(string instrument, string group)
    {
        long? value = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (published, l) =>
        {
            if (published.Meter.Name == Broker.Metrics.BrokerMetrics.MeterName && published.Name == instrument)
            {
                l.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "group" && (string?)tag.Value == group)
                {
                    value = measurement;
                }
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }
}
