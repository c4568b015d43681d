using System.Collections.Concurrent;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Tests.Client;

public class ListenedConfirmTests : BrokerSpec
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_listener_is_told_each_publish_by_its_tag_with_the_queues_verdict()
    {
        var channel = await OpenChannelAsync();
        var arguments = new Headers { ["x-max-length"] = 1, ["x-overflow"] = "reject-publish" };
        await channel.DeclareQueueAsync("small", new QueueDeclaration(Arguments: arguments));
        var listener = new RecordingListener();

        channel.Publish("", "small", Body("1"), null, mandatory: false, listener, tag: 1);
        Assert.Equal((1UL, true), await listener.NextAsync());
        channel.Publish("", "small", Body("2"), null, mandatory: false, listener, tag: 2);
        Assert.Equal((2UL, false), await listener.NextAsync());
    }

    [Fact]
    public async Task A_publish_routed_to_several_queues_is_told_once_after_all_took_it()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("a");
        await channel.DeclareQueueAsync("b");
        await channel.BindQueueAsync("a", "amq.fanout", "");
        await channel.BindQueueAsync("b", "amq.fanout", "");
        var listener = new RecordingListener();

        channel.Publish("amq.fanout", "", Body("x"), null, mandatory: false, listener, tag: 7);

        Assert.Equal((7UL, true), await listener.NextAsync());
        Assert.Equal(1, (await channel.GetQueueInfoAsync("a")).Ready);
        Assert.Equal(1, (await channel.GetQueueInfoAsync("b")).Ready);
        Assert.True(listener.IsEmpty);
    }

    [Fact]
    public async Task An_unroutable_publish_is_confirmed_at_once_on_the_publishing_thread()
    {
        var channel = await OpenChannelAsync();
        var listener = new RecordingListener();

        channel.Publish("amq.direct", "nowhere", Body("x"), null, mandatory: false, listener, tag: 3);

        Assert.True(listener.TryTake(out var told));
        Assert.Equal((3UL, true), told);
    }

    private sealed class RecordingListener : IPublishConfirmListener
    {
        private readonly BlockingCollection<(ulong Tag, bool Accepted)> _told = [];

        public bool IsEmpty => _told.Count == 0;

        public void Confirmed(ulong tag, bool accepted) => _told.Add((tag, accepted));

        public bool TryTake(out (ulong Tag, bool Accepted) told) => _told.TryTake(out told);

        public Task<(ulong Tag, bool Accepted)> NextAsync() =>
            Task.Run(() => _told.TryTake(out var told, s_wait) ? told : throw new TimeoutException("No confirm was told."));
    }
}
