using ActorBroker.Actors;
using ActorBroker.Broker.Channels;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Client;

/// <summary>
/// A client's connection to one virtual host. Closing it closes its channels (their unacked deliveries go
/// back to their queues) and deletes the exclusive queues it declared.
/// </summary>
public sealed class BrokerConnection : IAsyncDisposable
{
    private long _lastChannelId;

    internal BrokerConnection(MessageBroker broker, VirtualHost host, long id, IActorRef actor)
    {
        Broker = broker;
        Host = host;
        Id = id;
        Actor = actor;
    }

    public MessageBroker Broker { get; }

    public string VirtualHost => Host.Name;

    internal VirtualHost Host { get; }

    internal long Id { get; }

    internal IActorRef Actor { get; }

    public async Task<BrokerChannel> CreateChannelAsync()
    {
        // Channel ids are unique per broker so that queues can key unacked deliveries by channel alone.
        var id = (Id << 20) | Interlocked.Increment(ref _lastChannelId);
        var channel = new BrokerChannel(this, id);
        var props = Props.Create(() => new ChannelActor(channel, Broker.Options));
        channel.Attach(await Actor.Ask<IActorRef>(new ConnectionProtocol.OpenChannel(id, props), Broker.Options.OperationTimeout).ConfigureAwait(false));
        return channel;
    }

    /// <summary>Closes the connection and everything it owns.</summary>
    public Task CloseAsync() => Actor.GracefulStop(Broker.Options.OperationTimeout);

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);
}
