using System.Collections.Concurrent;
using System.Globalization;
using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Amqp.Server;

internal sealed partial class AmqpChannel
{
    private readonly ConcurrentDictionary<string, AmqpConsumer> _consumers = new(StringComparer.Ordinal);
    private ushort _consumerPrefetch;
    private ushort _channelPrefetch;
    private ulong _highestDeliveryTag;

    private Task? Qos(BasicQos qos)
    {
        // As RabbitMQ: a byte-size window is not implemented, and silently ignoring it would overrun the client.
        if (qos.PrefetchSize != 0)
        {
            throw new AmqpProtocolException(ReplyCode.NotImplemented, string.Create(CultureInfo.InvariantCulture, $"basic.qos prefetch-size {qos.PrefetchSize} is not supported; use prefetch-count"));
        }

        // Per RabbitMQ: global = false limits each consumer started afterwards, global = true the channel as a whole.
        if (qos.Global)
        {
            _channelPrefetch = qos.PrefetchCount;
        }
        else
        {
            _consumerPrefetch = qos.PrefetchCount;
        }

        _broker.SetPrefetch(_consumerPrefetch, _channelPrefetch);
        _outbound.PostMethod(Number, default(BasicQosOk));
        return null;
    }

    private async Task ConsumeAsync(BasicConsume consume)
    {
        var tag = consume.ConsumerTag.Length > 0 ? consume.ConsumerTag : "amq.ctag-" + Guid.NewGuid().ToString("N");
        var consumer = new AmqpConsumer(Number, _outbound);
        if (!_consumers.TryAdd(tag, consumer))
        {
            throw new AmqpProtocolException(ReplyCode.NotAllowed, $"attempt to reuse consumer tag '{tag}'");
        }

        try
        {
            if (consume.Queue == DirectReplyTo)
            {
                ConsumeDirectReplies(consume, tag, consumer);
            }
            else
            {
                var options = new ConsumeOptions(consume.NoAck, consume.Exclusive, tag, Priority: ConsumerPriority(consume.Arguments), Arguments: MessageConversion.ToBroker(consume.Arguments));
                await _broker.ConsumeAsync(ReadableQueue(consume.Queue), delivery =>
                {
                    RecordTag(ref _highestDeliveryTag, delivery.DeliveryTag);
                    consumer.Deliver(delivery);
                }, options).ConfigureAwait(false);
            }
        }
        catch
        {
            _consumers.TryRemove(tag, out _);
            throw;
        }

        consumer.Start(() => ReplyUnless(consume.Nowait, new BasicConsumeOk { ConsumerTag = tag }));
    }

    /// <summary>The <c>x-priority</c> consume argument: any 32-bit integer, 0 when absent (as RabbitMQ).</summary>
    private static int ConsumerPriority(FieldTable? arguments)
    {
        if (arguments is null || !arguments.TryGetValue("x-priority", out var value))
        {
            return 0;
        }

        if (!value.TryGetInteger(out var priority) || priority is < int.MinValue or > int.MaxValue)
        {
            throw new AmqpProtocolException(
                ReplyCode.PreconditionFailed,
                string.Create(CultureInfo.InvariantCulture, $"invalid arg 'x-priority' ({value.Kind}): expected a 32-bit integer"));
        }

        return (int)priority;
    }

    private string ReadableQueue(string name)
    {
        var queue = QueueName(name);
        _guard.RequireQueue(ResourceAccess.Read, queue);
        return queue;
    }

    private async Task CancelAsync(BasicCancel cancel)
    {
        if (_consumers.TryRemove(cancel.ConsumerTag, out _))
        {
            try
            {
                await _broker.CancelAsync(cancel.ConsumerTag).ConfigureAwait(false);
            }
            catch (BrokerException e) when (e.Code == BrokerErrorCode.NotFound)
            {
                // The broker ended it first (its queue went away); the client is told cancel-ok all the same.
            }
        }

        ReplyUnless(cancel.Nowait, new BasicCancelOk { ConsumerTag = cancel.ConsumerTag });
    }

    private async Task GetAsync(BasicGet get)
    {
        var result = await _broker.GetAsync(ReadableQueue(get.Queue), get.NoAck).ConfigureAwait(false);
        if (result.Delivery is { } delivery)
        {
            RecordTag(ref _highestDeliveryTag, delivery.DeliveryTag);
            _outbound.Post(new OutboundFrame(OutboundKind.GetOk, Number, delivery, Number: (ulong)result.MessageCount));
        }
        else
        {
            _outbound.PostMethod(Number, default(BasicGetEmpty));
        }
    }

    private Task? Recover(bool reply)
    {
        _broker.Recover();
        if (reply)
        {
            _outbound.PostMethod(Number, default(BasicRecoverOk));
        }

        return null;
    }

    private void CheckDeliveryTag(ulong tag)
    {
        if (tag > Volatile.Read(ref _highestDeliveryTag))
        {
            throw new AmqpProtocolException(ReplyCode.PreconditionFailed, string.Create(CultureInfo.InvariantCulture, $"unknown delivery tag {tag}"));
        }
    }

    /// <summary>The highest delivery tag handed out, for refusing acks of tags that never existed.</summary>
    private static void RecordTag(ref ulong highest, ulong tag)
    {
        var seen = Volatile.Read(ref highest);
        while (tag > seen)
        {
            var found = Interlocked.CompareExchange(ref highest, tag, seen);
            if (found == seen)
            {
                return;
            }

            seen = found;
        }
    }

    private void OnConsumerCancelled(object? sender, ConsumerCancelledEventArgs e)
    {
        if (_consumers.TryRemove(e.ConsumerTag, out _) && _notifyCancel)
        {
            _outbound.PostMethod(Number, new BasicCancel { ConsumerTag = e.ConsumerTag, Nowait = true });
        }
    }
}
