using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Server;
using ActorBroker.Amqp.Tests.Support;
using BrokerDeliveryMode = ActorBroker.Broker.Messages.DeliveryMode;

namespace ActorBroker.Amqp.Tests.Server;

public class PublishedPropertiesTests
{
    [Fact]
    public void Publishes_with_equal_properties_share_one_converted_object()
    {
        var published = new PublishedProperties();

        var first = published.Of(Encode(new BasicProperties { DeliveryMode = 2, ContentType = "text/plain" }));
        var second = published.Of(Encode(new BasicProperties { DeliveryMode = 2, ContentType = "text/plain" }));

        Assert.Same(first, second);
        Assert.Equal((BrokerDeliveryMode.Persistent, "text/plain"), (second.DeliveryMode, second.ContentType));
    }

    [Fact]
    public void Publishes_with_other_properties_get_their_own()
    {
        var published = new PublishedProperties();

        var persistent = published.Of(Encode(new BasicProperties { DeliveryMode = 2, MessageId = "a" }));
        var next = published.Of(Encode(new BasicProperties { DeliveryMode = 2, MessageId = "b" }));
        var again = published.Of(Encode(new BasicProperties { DeliveryMode = 2, MessageId = "a" }));

        Assert.Equal(("a", "b", "a"), (persistent.MessageId, next.MessageId, again.MessageId));
        Assert.NotSame(persistent, again);
    }

    [Fact]
    public void Properties_too_long_to_keep_are_converted_each_time()
    {
        var published = new PublishedProperties();
        var encoded = Encode(new BasicProperties { DeliveryMode = 2, MessageId = new string('m', 250), CorrelationId = new string('c', 20) });

        var first = published.Of(encoded);
        var second = published.Of(encoded);

        Assert.NotSame(first, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Malformed_properties_are_refused_also_after_good_ones()
    {
        var published = new PublishedProperties();
        published.Of(Encode(new BasicProperties { DeliveryMode = 2 }));

        Assert.Throws<AmqpProtocolException>(() => published.Of(FrameBytes.Hex("0002")));
    }

    private static byte[] Encode(BasicProperties properties)
    {
        var encoded = new byte[properties.GetSize()];
        properties.WriteTo(encoded);
        return encoded;
    }
}
