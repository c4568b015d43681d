using System.Security.Cryptography;
using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues.Events;
using ActorBroker.Broker.VirtualHosts;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

/// <summary>
/// RabbitMQ's direct reply-to without a queue: a channel consumes the pseudo-queue <c>amq.rabbitmq.reply-to</c>
/// and gets an address <c>amq.rabbitmq.reply-to.&lt;token&gt;</c>; a message published to the default exchange
/// with that address as routing key goes straight to the channel's reply consumer. A reply to an address whose
/// channel or consumer is gone is dropped (returned when mandatory), as RabbitMQ drops it.
/// </summary>
public sealed partial class BrokerChannel
{
    /// <summary>The pseudo-queue a requester consumes replies from.</summary>
    public const string DirectReplyToQueue = "amq.rabbitmq.reply-to";

    private const string DirectReplyToPrefix = DirectReplyToQueue + ".";

    private DirectReplyConsumer? _directReplies;

    /// <summary>This channel's reply address once it consumes <see cref="DirectReplyToQueue"/>; null before.</summary>
    public string? DirectReplyAddress => _directReplies?.Address;

    /// <summary>
    /// Starts this channel's direct reply-to consumer (automatic acknowledgement, one per channel). Requests
    /// carry <see cref="DirectReplyAddress"/> as their reply-to.
    /// </summary>
    /// <returns>The consumer tag.</returns>
    /// <exception cref="BrokerException">Precondition failed: the channel already has one.</exception>
    public string ConsumeDirectReplies(Action<Delivery> onDelivery, string? consumerTag = null)
    {
        ArgumentNullException.ThrowIfNull(onDelivery);
        ThrowIfClosed();
        if (_directReplies is not null)
        {
            throw BrokerException.PreconditionFailed("reply consumer already set");
        }

        var tag = consumerTag ?? "amq.ctag-" + Guid.NewGuid().ToString("N");
        if (!_consumerQueues.TryAdd(tag, ActorRefs.Nobody))
        {
            throw new BrokerException(BrokerErrorCode.InvalidArgument, $"Consumer tag '{tag}' is already in use on this channel.");
        }

        // Unguessable, so a client cannot reply into channels it was never given the address of.
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var replies = new DirectReplyConsumer(DirectReplyToPrefix + token, tag, _actor, Id);
        _actor.Tell(new ChannelProtocol.RegisterConsumer(tag, ActorRefs.Nobody, DirectReplyToQueue, AutoAck: true, onDelivery, null), ActorRefs.NoSender);
        Host.DirectReplies[replies.Address] = replies;
        _directReplies = replies;
        return tag;
    }

    private static bool IsDirectReply(string exchange, string routingKey) =>
        exchange.Length == 0 && routingKey.StartsWith(DirectReplyToPrefix, StringComparison.Ordinal);

    /// <returns>Whether the requester's channel was there to take the reply.</returns>
    private bool PublishDirectReply(Message reply, bool mandatory)
    {
        if (!Host.DirectReplies.TryGetValue(reply.RoutingKey, out var requester))
        {
            ReturnIfMandatory(reply, mandatory);
            return false;
        }

        requester.Channel.Tell(new MessageDelivered(0, 0, requester.ChannelId, requester.ConsumerTag, AutoAck: true, reply, 1), ActorRefs.Nobody);
        return true;
    }

    private bool TryStopDirectReplies(string consumerTag)
    {
        if (_directReplies is not { } replies || replies.ConsumerTag != consumerTag)
        {
            return false;
        }

        StopDirectReplies();
        _consumerQueues.TryRemove(consumerTag, out _);
        _actor.Tell(new ChannelProtocol.UnregisterConsumer(consumerTag), ActorRefs.NoSender);
        return true;
    }

    private void StopDirectReplies()
    {
        if (_directReplies is { } replies)
        {
            Host.DirectReplies.TryRemove(new KeyValuePair<string, DirectReplyConsumer>(replies.Address, replies));
            _directReplies = null;
        }
    }
}
