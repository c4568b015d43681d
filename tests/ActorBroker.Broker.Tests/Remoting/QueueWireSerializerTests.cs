using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Confirms;
using ActorBroker.Broker.DeadLettering;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.Remoting;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Broker.Tests.Remoting;

/// <summary>Every message of the channel–queue protocol crosses nodes through the broker's binary wire format, whole.</summary>
public sealed class QueueWireSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Message s_message = new("amq.direct", "orders.eu",
        new BasicProperties { MessageId = "m-7", CorrelationId = "c-1", Priority = 3, Expiration = TimeSpan.FromSeconds(5), Headers = new Headers { ["n"] = 42L, ["s"] = "x" } },
        new byte[] { 1, 2, 3 });

    public QueueWireSerializerTests() => MessageBroker.Start(Sys);

    public static TheoryData<object> ProtocolMessages() =>
    [
        new QueueProtocol.Cancel("c1"),
        new QueueProtocol.Get(4, true, 9),
        new QueueProtocol.Ack(4, ulong.MaxValue, true),
        new QueueProtocol.Nack(4, 17, false, true, TimeSpan.FromSeconds(2)),
        new QueueProtocol.Nack(4, 17, true, false, null),
        new QueueProtocol.DeadLetterDelivery(4, 17, DeadLetterReason.Crash),
        new QueueProtocol.DeadLetterDelivery(4, 17, DeadLetterReason.Crash, new ConsumerFailure("System.InvalidOperationException", "no")),
        new QueueProtocol.Recover(4),
        QueueProtocol.Resume.Instance,
        new ConfirmRelay.Settled(12, false),
        new ChannelProtocol.ConsumerCancelled("c1", "orders"),
        ChannelProtocol.WindowOpened.Instance,
        new QueueProtocol.GetInfo(),
        new QueueProtocol.Purge(),
        new QueueInfo("orders", new QueueDeclaration(Durable: true, Exclusive: false, AutoDelete: true),
            new QueueCounters(1, 2, 3, 4, 5, 6, 7, 8, 9, 10) { InMemoryBodies = 11, PagedOut = 12 }, 1.5, 2.25, 0),
    ];

    [Theory]
    [MemberData(nameof(ProtocolMessages))]
    public void A_plain_protocol_message_comes_back_equal(object message) => Assert.Equal(message, RoundTrip(message));

    [Fact]
    public void A_delivery_keeps_its_message_tags_and_count()
    {
        var delivered = new MessageDelivered(5, 6, 7, "c1", false, s_message, 2);

        var back = (MessageDelivered)RoundTrip(delivered);

        Assert.Equal(delivered with { Message = back.Message }, back);
        AssertSameMessage(back.Message);
    }

    [Fact]
    public void A_get_reply_with_and_without_a_delivery_comes_back_whole()
    {
        var empty = new QueueProtocol.GetReply("orders", null, 0, 3);
        var full = (QueueProtocol.GetReply)RoundTrip(new QueueProtocol.GetReply("orders", new MessageDelivered(1, 2, 3, null, true, s_message, 1), 8, 4));

        Assert.Equal(empty, RoundTrip(empty));
        Assert.Equal((8, 4L, (string?)null), (full.Remaining, full.RequestId, full.Delivered!.ConsumerTag));
        AssertSameMessage(full.Delivered.Message);
    }

    [Fact]
    public async Task A_publish_carries_its_message_and_a_confirm_whose_settling_reaches_the_original()
    {
        var confirm = new PublishConfirm(1);

        var back = (QueueProtocol.Publish)RoundTrip(new QueueProtocol.Publish(s_message, confirm));
        back.Confirm.Settle(true);

        AssertSameMessage(back.Message);
        Assert.True(await confirm.Task.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    [Fact]
    public void A_consume_carries_its_spec_and_channel_and_its_window_as_a_window_of_the_same_size()
    {
        var channel = CreateTestProbe();
        var spec = new ConsumerSpec("c1", 4, 50, false, true, 2, new Headers { ["x-stream-offset"] = "first" });

        var back = (QueueProtocol.Consume)RoundTrip(new QueueProtocol.Consume(spec, channel.Ref, new ChannelWindow(1)));
        Assert.True(back.Window!.TryAcquire());
        back.Window.Release();

        Assert.Equal((spec.Tag, spec.ChannelId, spec.Prefetch, spec.Exclusive, spec.Priority), (back.Spec.Tag, back.Spec.ChannelId, back.Spec.Prefetch, back.Spec.Exclusive, back.Spec.Priority));
        Assert.Equal("first", back.Spec.Arguments!["x-stream-offset"]);
        Assert.Equal(channel.Ref, back.Channel);
        Assert.Equal(1, back.Window.Limit);
        channel.ExpectMsg<ChannelProtocol.WindowOpened>(TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void An_unknown_manifest_is_refused_clearly()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(QueueProtocol.Ack));

        var error = Assert.Throws<InvalidDataException>(() => serializer.FromBinary([], "zz"));

        Assert.Contains("'zz'", error.Message, StringComparison.Ordinal);
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<QueueWireSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }

    private static void AssertSameMessage(Message back)
    {
        Assert.Equal((s_message.Exchange, s_message.RoutingKey), (back.Exchange, back.RoutingKey));
        Assert.Equal(s_message.Body.ToArray(), back.Body.ToArray());
        Assert.Equal((s_message.Properties.MessageId, s_message.Properties.CorrelationId, s_message.Properties.Priority, s_message.Properties.Expiration),
            (back.Properties.MessageId, back.Properties.CorrelationId, back.Properties.Priority, back.Properties.Expiration));
        Assert.Equal(42L, back.Properties.Headers!["n"]);
    }
}
