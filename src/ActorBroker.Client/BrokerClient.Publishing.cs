using System.Text.Json;
using ActorBroker.Client.Actors;
using ActorBroker.Client.Protocol;
using Akka.Actor;

namespace ActorBroker.Client;

public sealed partial class BrokerClient
{
    /// <summary>
    /// Publishes and completes after the broker's confirm: true when every queue the message was routed to accepted
    /// it (durable queues: on disk), also when none was; false when one refused it (a full queue with reject-publish,
    /// a queue or exchange schema).
    /// </summary>
    /// <exception cref="BrokerClientException">The exchange does not exist (404) or is internal (403); no answer in time.</exception>
    public async Task<bool> PublishAsync(string exchange, string routingKey, ReadOnlyMemory<byte> body, MessageProperties? properties = null, bool mandatory = false)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(routingKey);
        var confirmed = _confirms.Register(out var sequence);
        try
        {
            // The client actor is the sender: the session's confirm goes back to it, and it completes ours.
            _actor.Tell(new Publish(sequence, exchange, routingKey, properties ?? MessageProperties.Empty, body, mandatory), _actor);
            return Replies.Accepted(await WithTimeoutAsync(confirmed).ConfigureAwait(false));
        }
        finally
        {
            _confirms.Forget(sequence);
        }
    }

    private async Task<Confirm> WithTimeoutAsync(Task<Confirm> confirmed)
    {
        try
        {
            return await confirmed.WaitAsync(_settings.OperationTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException error)
        {
            throw new BrokerClientException($"No confirm from the broker within {_settings.OperationTimeout}.", error);
        }
    }

    /// <summary>Publishes <paramref name="value"/> as a JSON body (content type <c>application/json</c>) with confirm.</summary>
    public Task<bool> PublishJsonAsync<T>(string exchange, string routingKey, T value, MessageProperties? properties = null, JsonSerializerOptions? options = null) =>
        PublishAsync(exchange, routingKey, JsonBody.Serialize(value, options), (properties ?? MessageProperties.Empty) with { ContentType = JsonBody.ContentType });

    /// <summary>
    /// A publisher actor: send it <see cref="PublishMessage"/>s; it answers each sender with <see cref="PublishConfirmed"/>
    /// after the broker's confirm. At most <paramref name="window"/> messages wait for a confirm at once; more wait in
    /// order inside the actor (back-pressure: the producer goes at the broker's pace).
    /// </summary>
    public async Task<IActorRef> CreatePublisherAsync(int window = 256, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        return await AskAsync<IActorRef>(new ClientProtocol.StartPublisher(window, name)).ConfigureAwait(false);
    }
}
