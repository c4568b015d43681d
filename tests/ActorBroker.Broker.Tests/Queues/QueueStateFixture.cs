using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.Tests.Support;

namespace ActorBroker.Broker.Tests.Queues;

internal sealed class QueueStateFixture
{
    public QueueStateFixture(Headers? arguments = null)
    {
        State = new QueueState("q", QueueArguments.Parse(arguments), Clock);
    }

    public ManualClock Clock { get; } = new();

    public QueueState State { get; }

    public void Publish(params string[] bodies)
    {
        foreach (var body in bodies)
        {
            State.Publish(TestMessages.Text(body));
        }
    }

    public void Consume(string tag, long channel = 1, int prefetch = 0, bool autoAck = false, ChannelWindow? window = null, int priority = 0) =>
        State.AddConsumer(new ConsumerSpec(tag, channel, prefetch, autoAck, Exclusive: false, priority), window);

    /// <summary>Deliveries raised since the last call, in order.</summary>
    public List<MessageDelivered> Deliveries() => Take<MessageDelivered>();

    public List<MessageDeadLettered> DeadLetters() => Take<MessageDeadLettered>();

    public List<string> ReadyBodies() => State.Peek(int.MaxValue).Select(p => p.Message.BodyText()).ToList();

    private List<T> Take<T>()
    {
        var found = State.PendingEvents.OfType<T>().ToList();
        State.ClearPendingEvents();
        return found;
    }
}
