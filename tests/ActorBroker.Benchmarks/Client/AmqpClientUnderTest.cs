using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Benchmarks.Client;

internal sealed class AmqpClientUnderTest(IConnection connection, IChannel publisher) : IClientUnderTest
{
    public string Name => "RabbitMQ.Client";

    public static async Task<AmqpClientUnderTest> ConnectAsync(int port)
    {
        var connection = await new ConnectionFactory { HostName = "127.0.0.1", Port = port }.CreateConnectionAsync();
        // Confirm tracking: each BasicPublishAsync completes on the broker's confirm, as the Akka client's PublishAsync does.
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        return new AmqpClientUnderTest(connection, publisher);
    }

    public Task DeclareAsync(string queue) => publisher.QueueDeclareAsync(queue, durable: false, exclusive: false, autoDelete: false);

    public async Task PublishConfirmedAsync(string queue, ReadOnlyMemory<byte> body) => await publisher.BasicPublishAsync("", queue, body);

    public Task<IAsyncDisposable> ConsumeAsync(string queue, int prefetch, Action onDelivery) => ConsumeAsync(queue, prefetch, onDelivery, null);

    public Task DeclareStreamAsync(string stream) =>
        publisher.QueueDeclareAsync(stream, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?> { ["x-queue-type"] = "stream" });

    public Task<IAsyncDisposable> ConsumeStreamAsync(string stream, int prefetch, Action onDelivery) =>
        ConsumeAsync(stream, prefetch, onDelivery, new Dictionary<string, object?> { ["x-stream-offset"] = "first" });

    private async Task<IAsyncDisposable> ConsumeAsync(string queue, int prefetch, Action onDelivery, IDictionary<string, object?>? arguments)
    {
        var channel = await connection.CreateChannelAsync();
        await channel.BasicQosAsync(0, (ushort)prefetch, global: false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            onDelivery();
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, string.Empty, noLocal: false, exclusive: false, arguments, consumer);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await publisher.DisposeAsync();
        await connection.DisposeAsync();
    }
}
