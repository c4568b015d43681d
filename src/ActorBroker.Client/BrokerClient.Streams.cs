using ActorBroker.Client.Actors;
using Akka.Actor;

namespace ActorBroker.Client;

public sealed partial class BrokerClient
{
    /// <summary>
    /// Declares a stream (a durable append-only log, <c>x-queue-type = stream</c>), or checks an existing one: readers
    /// read it from any offset, each at its own pace, and acks do not remove messages. Publish to it as to a queue;
    /// delete it with <see cref="DeleteQueueAsync"/>.
    /// </summary>
    /// <exception cref="BrokerClientException">A queue of that name exists with other settings (406).</exception>
    public Task<QueueDeclared> DeclareStreamAsync(string name, StreamOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var arguments = (options ?? StreamOptions.Default).ToArguments();
        arguments["x-queue-type"] = "stream";
        return DeclareQueueAsync(name, new QueueOptions(Durable: true, Arguments: arguments));
    }

    /// <summary>
    /// Declares a super stream: an exchange of type <c>x-super-stream</c> in front of the streams
    /// <c>&lt;name&gt;-0 … &lt;name&gt;-(partitions − 1)</c>, each with <paramref name="options"/>' retention. A message
    /// goes to the partition its routing key hashes to, so one key keeps its order. <see cref="DeleteExchangeAsync"/>
    /// deletes it with its partitions.
    /// </summary>
    /// <exception cref="BrokerClientException">A number of partitions out of 1 to 1000, or a super stream with other settings (406).</exception>
    public Task DeclareSuperStreamAsync(string name, int partitions, StreamOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var arguments = (options ?? StreamOptions.Default).ToArguments();
        arguments["x-partitions"] = partitions;
        return DeclareExchangeAsync(name, new ExchangeOptions("x-super-stream", Arguments: arguments));
    }

    /// <summary>
    /// Subscribes a consumer actor to a stream, from <see cref="StreamSubscribeOptions.Offset"/> and optionally as a
    /// member of a consumer group. Each <see cref="BrokerDelivery"/> carries its <see cref="BrokerDelivery.Offset"/>;
    /// the actor answers each with <see cref="BrokerDelivery.Ack"/> (which moves its group's committed offset on) as it
    /// would for a queue. Everything else is as <see cref="SubscribeAsync"/>.
    /// </summary>
    /// <exception cref="BrokerClientException">No such stream (404), not a stream (406), an invalid offset or prefetch (406).</exception>
    public Task<Subscription> SubscribeToStreamAsync(string stream, Props consumer, StreamSubscribeOptions? options = null, string? name = null) =>
        SubscribeToLogAsync(stream, consumer, options, name, superStream: false);

    /// <summary>
    /// Subscribes one consumer actor to every partition of a super stream. With a
    /// <see cref="StreamSubscribeOptions.ConsumerGroup"/>, the group's members (in this process or others) share the
    /// partitions, each read by one member at a time; <see cref="BrokerDelivery.Queue"/> names the partition a delivery
    /// came from. Offsets are per partition.
    /// </summary>
    /// <exception cref="BrokerClientException">No such super stream (404).</exception>
    public Task<Subscription> SubscribeToSuperStreamAsync(string superStream, Props consumer, StreamSubscribeOptions? options = null, string? name = null) =>
        SubscribeToLogAsync(superStream, consumer, options, name, superStream: true);

    private async Task<Subscription> SubscribeToLogAsync(string target, Props consumer, StreamSubscribeOptions? options, string? name, bool superStream)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(consumer);
        options ??= StreamSubscribeOptions.Default;
        var start = new ClientProtocol.StartSubscription(target, consumer, new SubscribeOptions(options.Prefetch), name, options.ToArguments(), superStream);
        return await StartSubscriptionAsync(start).ConfigureAwait(false);
    }
}
