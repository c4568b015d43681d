using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Client.Actors;

internal sealed partial class ClientActor
{
    private void StartSubscription(ClientProtocol.StartSubscription start)
    {
        var tag = "akka.ctag-" + Guid.NewGuid().ToString("N");
        var props = Props.Create(() => new SubscriptionActor(start.Consumer));
        IActorRef subscriber;
        try
        {
            subscriber = Context.ActorOf(props, start.Name ?? Uri.EscapeDataString(tag));
        }
        catch (InvalidActorNameException error)
        {
            Sender.Tell(new Failed(530, error.Message));
            return;
        }

        var subscribe = new Subscribe(tag, start.Queue, subscriber, start.Options, start.Arguments, start.SuperStream);
        var replyTo = Sender;
        _session.Ask<object>(subscribe, _settings.OperationTimeout).PipeTo(
            Self,
            success: reply => new SubscribeAnswered(subscribe, replyTo, reply),
            failure: error => new SubscribeAnswered(subscribe, replyTo, new Failed(BrokerClientException.Unreachable, error.Message)));
    }

    private void OnSubscribeAnswered(SubscribeAnswered answered)
    {
        var subscribe = answered.Subscribe;
        if (answered.Reply is Done)
        {
            _subscriptions[subscribe.ConsumerTag] = subscribe;
            Context.Watch(subscribe.Subscriber);
            answered.ReplyTo.Tell(new Subscribed(subscribe.ConsumerTag, subscribe.Subscriber));
            return;
        }

        Context.Stop(subscribe.Subscriber);
        answered.ReplyTo.Tell(answered.Reply);
    }

    private void StopSubscription(ClientProtocol.StopSubscription stop)
    {
        if (!_subscriptions.Remove(stop.ConsumerTag, out var subscription))
        {
            Sender.Tell(new Failed(404, $"No subscription '{stop.ConsumerTag}'."));
            return;
        }

        // The gateway first cancels the consumer and returns its unacked deliveries, then the consumer actor stops.
        Context.Unwatch(subscription.Subscriber);
        _session.Forward(new Unsubscribe(stop.ConsumerTag));
        Context.Stop(subscription.Subscriber);
    }

    /// <summary>The broker ended a subscription: forgotten, so a failover does not subscribe it again; its actor stops by itself.</summary>
    private void OnSubscriptionCancelled(SubscriptionCancelled cancelled)
    {
        if (_subscriptions.Remove(cancelled.ConsumerTag, out var subscription))
        {
            Context.Unwatch(subscription.Subscriber);
        }
    }

    private string? TagOf(IActorRef subscriber)
    {
        foreach (var (tag, subscription) in _subscriptions)
        {
            if (subscription.Subscriber.Equals(subscriber))
            {
                return tag;
            }
        }

        return null;
    }

    /// <summary>A subscription the consumer actor's creator waits for.</summary>
    internal sealed record Subscribed(string ConsumerTag, IActorRef Subscriber);

    internal sealed record SubscribeAnswered(Subscribe Subscribe, IActorRef ReplyTo, object Reply);
}
