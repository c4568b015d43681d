using System.Text.Json;
using ActorBroker.Client.Protocol;

namespace ActorBroker.Client;

public sealed partial class BrokerClient
{
    /// <summary>
    /// Publishes a request with a reply queue and a correlation id, and returns the reply. A reply that comes after
    /// the timeout is dead-lettered by the broker (to <c>amq.unclaimed-replies</c>), not left in a queue.
    /// </summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    /// <exception cref="BrokerClientException">The broker refused the request (no such exchange, …).</exception>
    public Task<BrokerDelivery> RequestAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, TimeSpan timeout, MessageProperties? properties = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(routingKey);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var request = new Request(exchange, routingKey, properties ?? MessageProperties.Empty, body, timeout);
        return AskAsync<BrokerDelivery>(request, timeout + _settings.OperationTimeout);
    }

    /// <summary>Sends <paramref name="request"/> as JSON and reads the reply's JSON body as <typeparamref name="TReply"/>.</summary>
    /// <exception cref="TimeoutException">No reply within <paramref name="timeout"/>.</exception>
    /// <exception cref="JsonException">The reply is not JSON of that shape.</exception>
    public async Task<TReply> AskAsync<TReply>(string exchange, string routingKey, object request, TimeSpan timeout, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), options);
        var reply = await RequestAsync(exchange, routingKey, body, timeout, new MessageProperties { ContentType = JsonBody.ContentType }).ConfigureAwait(false);
        return reply.BodyAs<TReply>(options);
    }

    /// <summary>Publishes a reply to a request delivery, through the default exchange to its reply-to queue, with its correlation id.</summary>
    /// <exception cref="BrokerClientException">The request has no reply-to (530).</exception>
    public Task<bool> ReplyAsync(BrokerDelivery request, ReadOnlyMemory<byte> body, MessageProperties? properties = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var replyTo = request.Properties.ReplyTo
            ?? throw new BrokerClientException(530, "The request has no reply-to queue to answer.");
        return PublishAsync(string.Empty, replyTo, body, (properties ?? MessageProperties.Empty) with { CorrelationId = request.Properties.CorrelationId });
    }

    /// <summary>Replies to a request delivery with <paramref name="value"/> as JSON.</summary>
    public Task<bool> ReplyJsonAsync<T>(BrokerDelivery request, T value, JsonSerializerOptions? options = null) =>
        ReplyAsync(request, JsonBody.Serialize(value, options), new MessageProperties { ContentType = JsonBody.ContentType });
}
