using System.Collections.Concurrent;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>
    /// Where replies nobody waits for any more end up: a server-owned queue per virtual host, so late replies
    /// are dead-lettered there (reason rejected) instead of piling up in reply queues.
    /// </summary>
    public const string UnclaimedRepliesQueue = "amq.unclaimed-replies";

    private readonly ConcurrentDictionary<string, TaskCompletionSource<Delivery>> _pendingRequests = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _replyQueueGate = new(1, 1);
    private string? _replyQueue;

    /// <summary>
    /// Publishes a request with reply-to and correlation id set, and returns the reply published to this
    /// channel's temporary, exclusive reply queue. Replies that arrive after the timeout are dead-lettered to
    /// <see cref="UnclaimedRepliesQueue"/>.
    /// </summary>
    /// <exception cref="RequestTimeoutException">No reply within <paramref name="timeout"/>.</exception>
    public async Task<Delivery> RequestAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, TimeSpan timeout, BasicProperties? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var replyQueue = await EnsureReplyQueueAsync().ConfigureAwait(false);
        var correlationId = properties?.CorrelationId ?? Guid.NewGuid().ToString("N");
        var pending = new TaskCompletionSource<Delivery>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pendingRequests.TryAdd(correlationId, pending))
        {
            throw new BrokerException(BrokerErrorCode.InvalidArgument, $"A request with correlation id '{correlationId}' is already waiting on this channel.");
        }

        try
        {
            var request = (properties ?? BasicProperties.Empty) with { ReplyTo = replyQueue, CorrelationId = correlationId };
            Publish(exchange, routingKey, body, request);
            return await pending.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new RequestTimeoutException(correlationId, timeout);
        }
        finally
        {
            _pendingRequests.TryRemove(correlationId, out _);
        }
    }

    /// <summary>Publishes a reply to a request delivery, through the default exchange to its reply-to queue.</summary>
    /// <exception cref="BrokerException">The request has no reply-to (invalid argument).</exception>
    public bool Reply(Delivery request, ReadOnlyMemory<byte> body, BasicProperties? properties = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var replyTo = request.Properties.ReplyTo
            ?? throw new BrokerException(BrokerErrorCode.InvalidArgument, "The request has no reply-to queue to answer.");
        var reply = (properties ?? BasicProperties.Empty) with { CorrelationId = request.Properties.CorrelationId };
        return Publish(string.Empty, replyTo, body, reply);
    }

    private async Task<string> EnsureReplyQueueAsync()
    {
        if (_replyQueue is { } ready)
        {
            return ready;
        }

        await _replyQueueGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_replyQueue is null)
            {
                await DeclareQueueAsync(UnclaimedRepliesQueue, new QueueDeclaration(), passive: false, serverOwned: true).ConfigureAwait(false);
                var arguments = new Headers
                {
                    ["x-dead-letter-exchange"] = string.Empty,
                    ["x-dead-letter-routing-key"] = UnclaimedRepliesQueue,
                };
                var declared = await DeclareQueueAsync(string.Empty, new QueueDeclaration(Durable: false, Exclusive: true, AutoDelete: true, arguments)).ConfigureAwait(false);
                await ConsumeAsync(declared.QueueName, OnReply).ConfigureAwait(false);
                _replyQueue = declared.QueueName;
            }

            return _replyQueue;
        }
        finally
        {
            _replyQueueGate.Release();
        }
    }

    private void OnReply(Delivery reply)
    {
        if (reply.Properties.CorrelationId is { } id && _pendingRequests.TryRemove(id, out var pending))
        {
            reply.Ack();
            pending.TrySetResult(reply);
        }
        else
        {
            reply.Reject(requeue: false);
        }
    }
}
