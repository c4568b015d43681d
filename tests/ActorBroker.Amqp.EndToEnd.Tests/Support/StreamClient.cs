using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>Declares streams, publishes to them with confirms and reads them as RabbitMQ's stream-over-AMQP clients do.</summary>
public static class StreamClient
{
    public static Dictionary<string, object?> Arguments(params (string Key, object? Value)[] more)
    {
        var arguments = new Dictionary<string, object?> { ["x-queue-type"] = "stream" };
        foreach (var (key, value) in more)
        {
            arguments[key] = value;
        }

        return arguments;
    }

    public static Task<QueueDeclareOk> DeclareAsync(IChannel channel, string name, params (string Key, object? Value)[] more) =>
        channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, Arguments(more));

    /// <summary>Publishes each body and waits for its confirm (the channel must have confirms with tracking on).</summary>
    public static async Task PublishAsync(IChannel channel, string stream, params string[] bodies)
    {
        foreach (var body in bodies)
        {
            await channel.BasicPublishAsync("", stream, true, new BasicProperties(), Encoding.UTF8.GetBytes(body)).AsTask().WaitAsync(BrokerNode.Timeout);
        }
    }

    /// <summary>Starts a manual-ack consumer with a prefetch on a channel of its own, from <paramref name="offset"/> (null: the broker's default).</summary>
    public static async Task<Received> ConsumeAsync(IConnection connection, string stream, object? offset, ushort prefetch = 100)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, prefetch, false);
        var received = new Received(channel);
        var arguments = offset is null ? null : new Dictionary<string, object?> { ["x-stream-offset"] = offset };
        await channel.BasicConsumeAsync(stream, autoAck: false, "", noLocal: false, exclusive: false, arguments, received.Consumer);
        return received;
    }

    /// <summary>The next <paramref name="count"/> deliveries as (offset header, body), each acked.</summary>
    public static async Task<List<(long Offset, string Body)>> TakeAsync(Received received, int count)
    {
        var taken = new List<(long, string)>();
        for (var i = 0; i < count; i++)
        {
            var delivery = await received.NextAsync();
            taken.Add((OffsetOf(delivery), Encoding.UTF8.GetString(delivery.Body.Span)));
            await received.Consumer.Channel!.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }

        return taken;
    }

    public static long OffsetOf(BasicDeliverEventArgs delivery) => (long)delivery.BasicProperties.Headers!["x-stream-offset"]!;
}
