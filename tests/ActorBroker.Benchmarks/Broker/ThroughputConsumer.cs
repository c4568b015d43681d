using ActorBroker.Broker.Client;

namespace ActorBroker.Benchmarks.Broker;

/// <summary>
/// A manual-ack consumer that acknowledges in batches (ack-multiple, as high-throughput AMQP consumers do) and
/// signals when it has seen the expected number of deliveries. It also checks that none was redelivered.
/// </summary>
internal sealed class ThroughputConsumer(BrokerChannel channel, int ackEvery)
{
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _expected;
    private long _received;
    private int _sinceAck;

    public long Redelivered { get; private set; }

    public Task Expect(long deliveries)
    {
        _received = 0;
        _expected = deliveries;
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _done.Task;
    }

    public void OnDelivery(Delivery delivery)
    {
        if (delivery.Redelivered)
        {
            Redelivered++;
        }

        _received++;
        if (++_sinceAck == ackEvery || _received == _expected)
        {
            channel.Ack(delivery.DeliveryTag, multiple: true);
            _sinceAck = 0;
        }

        if (_received == _expected)
        {
            _done.TrySetResult();
        }
    }
}
