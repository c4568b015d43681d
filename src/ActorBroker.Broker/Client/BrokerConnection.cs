using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Channels;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

/// <summary>
/// A client's connection to one virtual host. Closing it closes its channels (their unacked deliveries go
/// back to their queues) and deletes the exclusive queues it declared.
/// </summary>
public sealed class BrokerConnection : IAsyncDisposable
{
    // A channel id carries its connection's id in the bits above these.
    private const int ChannelIdBits = 20;

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

    /// <summary>Unique among the broker's connections; management lists consumers and channels by it.</summary>
    public long Id { get; }

    /// <summary>
    /// Raised once when the broker closes the connection by itself (its virtual host was deleted, an operator
    /// closed it); not raised when the caller closes it. A protocol front end tells its client the reason.
    /// </summary>
    public event EventHandler<ConnectionClosedEventArgs>? ClosedByBroker;

    internal IActorRef Actor { get; }

    public async Task<BrokerChannel> CreateChannelAsync()
    {
        // Channel ids are unique per broker so that queues can key unacked deliveries by channel alone.
        var id = (Id << ChannelIdBits) | Interlocked.Increment(ref _lastChannelId);
        var channel = new BrokerChannel(this, id);
        var props = Props.Create(() => new ChannelActor(channel, Broker.Options));
        channel.Attach(await Actor.AskFor<IActorRef>(new ConnectionProtocol.OpenChannel(id, props), Broker.Options.OperationTimeout).ConfigureAwait(false));
        return channel;
    }

    /// <summary>Closes the connection and everything it owns.</summary>
    public Task CloseAsync()
    {
        Broker.Admin.Forget(this);
        return Actor.GracefulStop(Broker.Options.OperationTimeout, ConnectionProtocol.Close.Instance);
    }

    /// <summary>The id of the connection a channel id (<see cref="BrokerChannel.Id"/>) belongs to.</summary>
    public static long ConnectionIdOf(long channelId) => channelId >> ChannelIdBits;

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    /// <summary>Tells <see cref="ClosedByBroker"/> subscribers why, then closes.</summary>
    internal Task CloseByBrokerAsync(string reason)
    {
        ClosedByBroker?.Invoke(this, new ConnectionClosedEventArgs(reason));
        return CloseAsync();
    }
}
