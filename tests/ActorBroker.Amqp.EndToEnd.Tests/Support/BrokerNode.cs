using ActorBroker.Amqp.Server;
using ActorBroker.Broker.Client;
using ActorBroker.Server.Listeners;
using RabbitMQ.Client;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>A broker with its AMQP listener on a free loopback port, for one test.</summary>
/// <param name="options">The broker's options; null takes the defaults.</param>
public sealed class BrokerNode(BrokerOptions? options = null) : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private MessageBroker? _broker;
    private AmqpListener? _listener;

    /// <summary>What the listener logged as errors: connections that failed in ways no client input should cause.</summary>
    public RecordingLogger<AmqpListener> Log { get; } = new();

    /// <summary>The node's publish gate, open unless a test blocks it (directly or through an alarm monitor).</summary>
    public PublishGate Gate { get; } = new();

    public MessageBroker Broker => _broker ?? throw new InvalidOperationException("The node is not started.");

    public AmqpListener Listener => _listener ?? throw new InvalidOperationException("The node is not started.");

    public int Port => Listener.EndPoint.Port;

    public ConnectionFactory Factory(string password = "guest") => new()
    {
        HostName = "127.0.0.1",
        Port = Port,
        UserName = "guest",
        Password = password,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        ContinuationTimeout = Timeout,
    };

    public Task<IConnection> ConnectAsync() => Factory().CreateConnectionAsync().WaitAsync(Timeout);

    public Task InitializeAsync()
    {
        _broker = MessageBroker.Start(options);
        var settings = AmqpListenerSettings.Loopback();
        settings = settings with { Server = settings.Server with { PublishGate = Gate } };
        _listener = new AmqpListener(settings, _broker, ConfiguredUsers.GuestOnly(), Log);
        _listener.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
