using System.Collections.Concurrent;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>
/// One member of a consumer group: a connection of its own, one channel subscribed to every partition of a super
/// stream with <c>x-consumer-group</c>, acking each delivery as it comes and recording what it acked.
/// </summary>
public sealed class GroupMember : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private GroupMember(string name, IConnection connection, IChannel channel)
    {
        Name = name;
        _connection = connection;
        _channel = channel;
    }

    public string Name { get; }

    /// <summary>What this member acked, in the order it acked: (partition, offset, body, redelivered).</summary>
    public ConcurrentQueue<(int Partition, long Offset, string Body, bool Redelivered)> Acked { get; } = new();

    public static async Task<GroupMember> JoinAsync(BrokerNode node, string name, string superStream, int partitions, string group)
    {
        var connection = await node.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        var member = new GroupMember(name, connection, channel);
        await channel.BasicQosAsync(0, 5, false);
        for (var partition = 0; partition < partitions; partition++)
        {
            var consumer = new RabbitMQ.Client.Events.AsyncEventingBasicConsumer(channel);
            var index = partition;
            consumer.ReceivedAsync += async (_, e) =>
            {
                var body = Encoding.UTF8.GetString(e.Body.Span);
                var offset = StreamClient.OffsetOf(e);
                await channel.BasicAckAsync(e.DeliveryTag, multiple: false);
                member.Acked.Enqueue((index, offset, body, e.Redelivered));
            };
            await channel.BasicConsumeAsync($"{superStream}-{partition}", autoAck: false, $"{name}-{partition}", noLocal: false, exclusive: false,
                new Dictionary<string, object?> { ["x-consumer-group"] = group }, consumer);
        }

        return member;
    }

    /// <summary>Leaves the group by closing its channel and connection, as a process that stops does.</summary>
    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
