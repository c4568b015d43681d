using ActorBroker.Broker.Client;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>A test class with its own node, one client connection and one channel on it.</summary>
/// <param name="options">The node's broker options; null takes the defaults.</param>
public abstract class NodeTest(BrokerOptions? options = null) : IAsyncLifetime
{
    protected BrokerNode Node { get; } = new(options);

    protected IConnection Connection { get; private set; } = null!;

    protected IChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.InitializeAsync();
        Connection = await Node.ConnectAsync();
        Channel = await Connection.CreateChannelAsync();
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Node.DisposeAsync();
    }

    protected static Task DeclareQueueAsync(IChannel channel, string name, IDictionary<string, object?>? arguments = null) =>
        channel.QueueDeclareAsync(name, durable: false, exclusive: false, autoDelete: false, arguments);

    protected Task DeclareQueueAsync(string name, IDictionary<string, object?>? arguments = null) => DeclareQueueAsync(Channel, name, arguments);

    /// <summary>Polls basic.get (each poll a round trip) until a message is there: publishing is asynchronous.</summary>
    protected Task<BasicGetResult> GetAsync(string queue, bool autoAck = true) => GetAsync(Channel, queue, autoAck);

    /// <summary>Polls basic.get on <paramref name="channel"/> until a message is there.</summary>
    protected static async Task<BasicGetResult> GetAsync(IChannel channel, string queue, bool autoAck = true)
    {
        var deadline = DateTime.UtcNow + BrokerNode.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await channel.BasicGetAsync(queue, autoAck) is { } result)
            {
                return result;
            }
        }

        throw new TimeoutException($"No message arrived in '{queue}'.");
    }

    /// <summary>The bodies in <paramref name="queue"/> now, after a round trip that lets earlier publishes land.</summary>
    protected async Task<List<string>> DrainAsync(string queue)
    {
        await Channel.QueueDeclarePassiveAsync(queue);
        var bodies = new List<string>();
        while (await Channel.BasicGetAsync(queue, autoAck: true) is { } result)
        {
            bodies.Add(Encoding.UTF8.GetString(result.Body.Span));
        }

        return bodies;
    }
}
