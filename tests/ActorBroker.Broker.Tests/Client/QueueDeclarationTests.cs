using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Tests.Client;

public class QueueDeclarationTests : BrokerSpec
{
    [Fact]
    public async Task Redeclaring_a_queue_with_other_settings_fails_with_precondition_failed()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("orders");
        await channel.DeclareQueueAsync("orders");

        var error = await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueueAsync("orders", new QueueDeclaration(Durable: false)));

        Assert.Equal(BrokerErrorCode.PreconditionFailed, error.Code);
        Assert.Contains("orders", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passive_declare_returns_ready_and_consumer_counts()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("1"));
        channel.Publish("", "q", Body("2"));
        await channel.ConsumeAsync("q", _ => { }, new ConsumeOptions(Prefetch: 1));

        var result = await channel.DeclareQueuePassiveAsync("q");

        Assert.Equal(new QueueDeclareResult("q", 1, 1), result);
        Assert.Equal(BrokerErrorCode.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueuePassiveAsync("none"))).Code);
    }

    [Fact]
    public async Task An_empty_name_gets_a_server_generated_name()
    {
        var channel = await OpenChannelAsync();

        var first = await channel.DeclareQueueAsync();
        var second = await channel.DeclareQueueAsync();

        Assert.StartsWith("amq.gen-", first.QueueName, StringComparison.Ordinal);
        Assert.NotEqual(first.QueueName, second.QueueName);
    }

    [Fact]
    public async Task Reserved_names_and_bad_arguments_are_refused()
    {
        var channel = await OpenChannelAsync();

        Assert.Equal(BrokerErrorCode.AccessRefused, (await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueueAsync("amq.mine"))).Code);
        var bad = new QueueDeclaration(Arguments: new Headers { ["x-max-length"] = "lots" });
        Assert.Equal(BrokerErrorCode.PreconditionFailed, (await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueueAsync("q", bad))).Code);
    }

    [Fact]
    public async Task Purge_removes_ready_messages_and_returns_the_count()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("1"));
        channel.Publish("", "q", Body("2"));

        Assert.Equal(2, await channel.PurgeQueueAsync("q"));
        Assert.True((await channel.GetAsync("q")).IsEmpty);
    }

    [Fact]
    public async Task Delete_if_empty_or_if_unused_refuses_and_plain_delete_returns_the_count()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("1"));

        var error = await Assert.ThrowsAsync<BrokerException>(() => channel.DeleteQueueAsync("q", ifEmpty: true));
        Assert.Equal(BrokerErrorCode.PreconditionFailed, error.Code);

        Assert.Equal(1, await channel.DeleteQueueAsync("q"));
        Assert.Equal(BrokerErrorCode.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueuePassiveAsync("q"))).Code);
    }

    [Fact]
    public async Task Operations_on_a_missing_queue_fail_their_task_with_not_found()
    {
        var channel = await OpenChannelAsync();

        var get = channel.GetAsync("none");
        var purge = channel.PurgeQueueAsync("none");

        Assert.Equal(BrokerErrorCode.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => get)).Code);
        Assert.Equal(BrokerErrorCode.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => purge)).Code);
    }

    [Fact]
    public async Task A_request_that_reaches_a_deleted_queue_fails_fast_with_not_found()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("gone");
        var stale = QueueActor(channel, "gone");
        Watch(stale);
        await channel.DeleteQueueAsync("gone");
        ExpectMsg<Akka.Actor.Terminated>();

        var error = await Assert.ThrowsAsync<BrokerException>(
            () => Akka.Actor.Futures.Ask<QueueInfo>(stale, new Broker.Queues.QueueProtocol.GetInfo(), TimeSpan.FromSeconds(3)));

        Assert.Equal(BrokerErrorCode.NotFound, error.Code);
    }

    [Fact]
    public async Task An_exclusive_queue_is_locked_to_its_connection_and_deleted_when_it_closes()
    {
        var owner = await Broker.ConnectAsync();
        var ownerChannel = await owner.CreateChannelAsync();
        await ownerChannel.DeclareQueueAsync("mine", new QueueDeclaration(Exclusive: true));
        var other = await OpenChannelAsync();
        Watch(QueueActor(ownerChannel, "mine"));

        Assert.Equal(BrokerErrorCode.ResourceLocked, (await Assert.ThrowsAsync<BrokerException>(() => other.GetAsync("mine"))).Code);

        await owner.CloseAsync();

        Assert.Equal(BrokerErrorCode.NotFound, (await Assert.ThrowsAsync<BrokerException>(() => other.DeclareQueuePassiveAsync("mine"))).Code);
        ExpectMsg<Akka.Actor.Terminated>();
    }

    [Fact]
    public async Task An_auto_delete_queue_goes_when_its_last_consumer_is_cancelled()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("temp", new QueueDeclaration(AutoDelete: true));
        var tag = await channel.ConsumeAsync("temp", _ => { });
        Watch(QueueActor(channel, "temp"));

        await channel.CancelAsync(tag);

        ExpectMsg<Akka.Actor.Terminated>();
        await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueuePassiveAsync("temp"));
    }

    [Fact]
    public async Task A_queue_unused_for_x_expires_is_deleted()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("idle", new QueueDeclaration(Arguments: new Headers { ["x-expires"] = 500 }));
        Watch(QueueActor(channel, "idle"));

        ExpectMsg<Akka.Actor.Terminated>();
        await Assert.ThrowsAsync<BrokerException>(() => channel.DeclareQueuePassiveAsync("idle"));
    }

    [Fact]
    public async Task Peek_and_info_read_a_queue_without_changing_it()
    {
        var channel = await OpenChannelAsync();
        await channel.DeclareQueueAsync("q");
        channel.Publish("", "q", Body("one"));
        channel.Publish("", "q", Body("three"));

        var peeked = await channel.PeekAsync("q", 5);
        var info = await channel.GetQueueInfoAsync("q");

        Assert.Equal(["one", "three"], peeked.Select(p => System.Text.Encoding.UTF8.GetString(p.Message.Body.Span)));
        Assert.Equal((2, 0, 0, 8L), (info.Ready, info.Unacked, info.Consumers, info.ReadyBytes));
        Assert.Equal(2, info.Counters.Published);
    }
}
