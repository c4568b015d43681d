using ActorBroker.Broker.Client;
using ActorBroker.Client;
using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Broker.Gateway;

internal sealed partial class GatewaySession
{
    private void Subscribe(Subscribe subscribe)
    {
        // A client that fails over subscribes again with the same tag; a session has each tag once.
        if (_subscriptions.ContainsKey(subscribe.ConsumerTag))
        {
            Sender.Tell(Done.Instance);
            return;
        }

        var replyTo = Sender;
        StartConsumerAsync(subscribe, Self).PipeTo(
            Self,
            success: channel => new Subscribed(subscribe.ConsumerTag, channel, replyTo, null),
            failure: error => new Subscribed(subscribe.ConsumerTag, null, replyTo, error));
    }

    private void OnSubscribed(Subscribed subscribed)
    {
        if (subscribed.Error is { } error)
        {
            subscribed.ReplyTo.Tell(ClientMessages.ToFailure(error));
            return;
        }

        _subscriptions[subscribed.ConsumerTag] = subscribed.Channel!;
        subscribed.ReplyTo.Tell(Done.Instance);
    }

    private void Unsubscribe(Unsubscribe unsubscribe)
    {
        if (!_subscriptions.Remove(unsubscribe.ConsumerTag, out var channel))
        {
            Sender.Tell(new Failed(404, $"No consumer '{unsubscribe.ConsumerTag}' in this session."));
            return;
        }

        // Closing the subscription's channel ends its consumer and returns its unacked deliveries to the queue.
        channel.CloseAsync().PipeTo(Sender, Self, () => Done.Instance, ClientMessages.ToFailure);
    }

    /// <summary>
    /// The broker ended a consumer of a subscription (its queue deleted): the subscription ends with it, all of it for
    /// a super stream's (its channel closes), and the client's subscription actor is told, as AMQP's consumer cancel
    /// notification tells a consumer. The notices of a super stream's other partitions find it gone.
    /// </summary>
    private void OnCancelledByBroker(CancelledByBroker cancelled)
    {
        if (!_subscriptions.Remove(cancelled.ConsumerTag, out var channel))
        {
            return;
        }

        cancelled.Subscriber.Tell(new SubscriptionCancelled(cancelled.ConsumerTag, cancelled.Queue), Self);
        _ = channel.CloseAsync();
    }

    private async Task<BrokerChannel> StartConsumerAsync(Subscribe subscribe, IActorRef self)
    {
        var channel = await _connection.CreateChannelAsync().ConfigureAwait(false);

        // Raised on the channel's actor: only a message to this session touches its state.
        channel.ConsumerCancelled += (_, e) => self.Tell(new CancelledByBroker(subscribe.ConsumerTag, e.Queue, subscribe.Subscriber));
        try
        {
            var options = subscribe.Options;
            var proxy = Props.Create(() => new SubscriptionProxy(subscribe.Subscriber, channel, options.AutoAck));
            var consume = new ConsumeOptions(options.AutoAck, options.Exclusive, BrokerTag(subscribe.ConsumerTag), options.Prefetch, Arguments: ClientMessages.ToHeaders(subscribe.Arguments));
            if (!subscribe.SuperStream)
            {
                await channel.ConsumeAsync(subscribe.Queue, proxy, consume).ConfigureAwait(false);
                return channel;
            }

            // A consumer per partition on the subscription's one channel, each tagged after its partition.
            var partitions = await _connection.Broker.Admin.ListPartitionsAsync(_connection.VirtualHost, subscribe.Queue).ConfigureAwait(false);
            foreach (var partition in partitions)
            {
                await channel.ConsumeAsync(partition, proxy, consume with { ConsumerTag = consume.ConsumerTag + "/" + partition }).ConfigureAwait(false);
            }

            return channel;
        }
        catch
        {
            await channel.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The queue's consumer of a client that failed over from a killed node stays registered until the cluster has
    // downed that node, so the client's tag, the same after the failover, gets a suffix of this session's own: the new
    // consumer does not collide with the old one, whose unacked deliveries come back once its node is downed.
    private static string BrokerTag(string clientTag) => clientTag + "." + Guid.NewGuid().ToString("N")[..8];

    private sealed record CancelledByBroker(string ConsumerTag, string Queue, IActorRef Subscriber);

    private sealed record Subscribed(string ConsumerTag, BrokerChannel? Channel, IActorRef ReplyTo, Exception? Error);
}
