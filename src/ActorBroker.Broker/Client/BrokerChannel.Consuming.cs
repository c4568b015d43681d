using ActorBroker.Broker.Actors;
using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using Akka.Actor;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    private readonly Lock _windowLock = new();
    private int _consumerPrefetch;
    private int _channelPrefetch;
    private ChannelWindow? _window;

    /// <summary>
    /// Sets the prefetch (unacked delivery limits) for consumers started afterwards: per consumer, and shared
    /// by all consumers of this channel. 0 means no limit.
    /// </summary>
    public void SetPrefetch(int perConsumer, int perChannel = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perConsumer);
        ArgumentOutOfRangeException.ThrowIfNegative(perChannel);
        lock (_windowLock)
        {
            _consumerPrefetch = perConsumer;
            if (perChannel != _channelPrefetch)
            {
                _channelPrefetch = perChannel;
                _window = null;
            }
        }
    }

    /// <summary>
    /// Starts a consumer whose deliveries run <paramref name="onDelivery"/> on the channel's actor, in order.
    /// With manual acknowledgement, a callback that throws has its delivery retried with backoff and finally
    /// dead-lettered (reason crash), per <see cref="BrokerOptions.ConsumerRetry"/>.
    /// </summary>
    /// <returns>The consumer tag.</returns>
    /// <exception cref="BrokerException">Not found, resource locked, or access refused (exclusive consumer).</exception>
    public Task<string> ConsumeAsync(string queue, Action<Delivery> onDelivery, ConsumeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onDelivery);
        return StartConsumerAsync(queue, onDelivery, null, options ?? ConsumeOptions.Default);
    }

    /// <summary>
    /// Starts a consumer actor (a child of the channel) that receives each <see cref="Delivery"/> as a message.
    /// When it throws on a delivery it is restarted, and with manual acknowledgement the delivery is retried
    /// with backoff and finally dead-lettered (reason crash).
    /// </summary>
    public Task<string> ConsumeAsync(string queue, Props consumer, ConsumeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return StartConsumerAsync(queue, null, consumer, options ?? ConsumeOptions.Default);
    }

    /// <summary>Ends a consumer; its unacked deliveries stay with this channel and can still be acknowledged.</summary>
    public async Task CancelAsync(string consumerTag)
    {
        ArgumentException.ThrowIfNullOrEmpty(consumerTag);
        if (TryStopDirectReplies(consumerTag))
        {
            return;
        }

        if (!_consumerQueues.TryRemove(consumerTag, out var queue))
        {
            throw BrokerException.NotFound($"No consumer '{consumerTag}' on this channel.");
        }

        try
        {
            await AskQueueAsync<Status.Success>(queue.Path.Name, queue, new QueueProtocol.Cancel(consumerTag)).ConfigureAwait(false);
        }
        catch (QueueGoneException)
        {
            // The consumer ended with its queue: cancelled all the same.
        }

        _actor.Tell(new ChannelProtocol.UnregisterConsumer(consumerTag), ActorRefs.NoSender);
    }

    /// <summary>Takes one message from a queue, or none; the result tells how many ready messages remain.</summary>
    public async Task<GetResult> GetAsync(string queue, bool autoAck = false)
    {
        ThrowIfClosed();
        var result = new TaskCompletionSource<GetResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = Queue(queue);
        _actor.Tell(new ChannelProtocol.Get(actor, queue, autoAck, result), ActorRefs.NoSender);
        return await result.Task.WaitWatchingAsync(actor, Connection.Broker.System, Timeout, () => new QueueGoneException(queue, Host.Name, actor)).ConfigureAwait(false);
    }

    /// <summary>Acknowledges a delivery, or with <paramref name="multiple"/> all up to it (tag 0: all).</summary>
    public void Ack(ulong deliveryTag, bool multiple = false)
    {
        ThrowIfClosed();
        _actor.Tell(new ChannelProtocol.Ack(deliveryTag, multiple), ActorRefs.NoSender);
    }

    /// <summary>
    /// Rejects deliveries: requeued to their original places (after <paramref name="delay"/>, when given), or
    /// dead-lettered with reason rejected when <paramref name="requeue"/> is false.
    /// </summary>
    public void Nack(ulong deliveryTag, bool multiple = false, bool requeue = true, TimeSpan? delay = null)
    {
        ThrowIfClosed();
        _actor.Tell(new ChannelProtocol.Nack(deliveryTag, multiple, requeue, delay), ActorRefs.NoSender);
    }

    /// <summary>Rejects one delivery: dead-lettered (reason rejected) unless <paramref name="requeue"/> puts it back at its place.</summary>
    public void Reject(ulong deliveryTag, bool requeue = false) => Nack(deliveryTag, multiple: false, requeue);

    /// <summary>Sends every unacked delivery of this channel back to its queue, to be redelivered.</summary>
    public void Recover()
    {
        ThrowIfClosed();
        _actor.Tell(new ChannelProtocol.Recover(), ActorRefs.NoSender);
    }

    /// <summary>The first <paramref name="count"/> ready messages of a queue, left in place.</summary>
    public Task<IReadOnlyList<PeekedMessage>> PeekAsync(string queue, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return AskQueueAsync<IReadOnlyList<PeekedMessage>>(queue, new QueueProtocol.Peek(count));
    }

    /// <summary>A queue's declaration, sizes, counters and rates.</summary>
    public Task<QueueInfo> GetQueueInfoAsync(string queue) => AskQueueAsync<QueueInfo>(queue, new QueueProtocol.GetInfo());

    /// <summary>
    /// Moves up to <paramref name="max"/> messages out of a dead-letter queue: to <paramref name="targetQueue"/>,
    /// or when null back to the queue each died in (from its x-death), with its original exchange and routing
    /// key. Messages whose source queue no longer exists stay. Returns how many moved.
    /// </summary>
    public async Task<int> RedriveAsync(string deadLetterQueue, string? targetQueue = null, int max = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        if (targetQueue is not null)
        {
            Queue(targetQueue);
        }

        return await AskQueueAsync<int>(deadLetterQueue, new QueueProtocol.Redrive(targetQueue, max)).ConfigureAwait(false);
    }

    private async Task<string> StartConsumerAsync(string queue, Action<Delivery>? handler, Props? props, ConsumeOptions options)
    {
        var actor = Queue(queue);
        var tag = options.ConsumerTag ?? "amq.ctag-" + Guid.NewGuid().ToString("N");
        if (!_consumerQueues.TryAdd(tag, actor))
        {
            throw new BrokerException(BrokerErrorCode.InvalidArgument, $"Consumer tag '{tag}' is already in use on this channel.");
        }

        int prefetch;
        ChannelWindow? window;
        lock (_windowLock)
        {
            prefetch = options.Prefetch ?? _consumerPrefetch;
            window = _channelPrefetch == 0 ? null : _window ??= new ChannelWindow(_channelPrefetch, WindowOpened);
        }

        // Registered before the queue knows the consumer, so the first delivery finds it.
        _actor.Tell(new ChannelProtocol.RegisterConsumer(tag, actor, queue, options.AutoAck, handler, props), ActorRefs.NoSender);
        try
        {
            var spec = new ConsumerSpec(tag, Id, prefetch, options.AutoAck, options.Exclusive, options.Priority, options.Arguments);
            await AskQueueAsync<Status.Success>(queue, actor, new QueueProtocol.Consume(spec, _actor, window)).ConfigureAwait(false);
            return tag;
        }
        catch
        {
            _consumerQueues.TryRemove(tag, out _);
            _actor.Tell(new ChannelProtocol.UnregisterConsumer(tag), ActorRefs.NoSender);
            throw;
        }
    }

    private void WindowOpened() => _actor.Tell(ChannelProtocol.WindowOpened.Instance, ActorRefs.NoSender);
}
