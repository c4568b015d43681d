using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>A consumer that collects its deliveries for the test to await one by one.</summary>
public sealed class Received
{
    private readonly Channel<BasicDeliverEventArgs> _deliveries = Channel.CreateUnbounded<BasicDeliverEventArgs>();

    public Received(IChannel channel)
    {
        Consumer = new AsyncEventingBasicConsumer(channel);
        Consumer.ReceivedAsync += (_, e) =>
        {
            // The client reuses the body's memory after the handler returns.
            var copy = new BasicDeliverEventArgs(e.ConsumerTag, e.DeliveryTag, e.Redelivered, e.Exchange, e.RoutingKey, e.BasicProperties, e.Body.ToArray());
            _deliveries.Writer.TryWrite(copy);
            return Task.CompletedTask;
        };
    }

    public AsyncEventingBasicConsumer Consumer { get; }

    public Task<BasicDeliverEventArgs> NextAsync() => _deliveries.Reader.ReadAsync().AsTask().WaitAsync(BrokerNode.Timeout);

    /// <summary>True when nothing arrives within <paramref name="quiet"/>: for asserting that a limit holds.</summary>
    public async Task<bool> StaysQuietAsync(TimeSpan quiet)
    {
        using var timeout = new CancellationTokenSource(quiet);
        try
        {
            await _deliveries.Reader.WaitToReadAsync(timeout.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }
}
