using ActorBroker.Client.Protocol;

namespace ActorBroker.Client;

public sealed partial class BrokerClient
{
    /// <summary>Declares a queue, or checks an existing one; an empty name asks the broker for a unique <c>amq.gen-…</c> name.</summary>
    /// <exception cref="BrokerClientException">Exists with other settings (406), a reserved name (403), exclusive to another session (405).</exception>
    public Task<QueueDeclared> DeclareQueueAsync(string name, QueueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return AskAsync<QueueDeclared>(new DeclareQueue(name, options ?? QueueOptions.Default));
    }

    /// <summary>Deletes a queue; returns how many ready messages it held (0 when it did not exist).</summary>
    public async Task<int> DeleteQueueAsync(string name, bool ifUnused = false, bool ifEmpty = false) =>
        (await AskAsync<Count>(new DeleteQueue(name, ifUnused, ifEmpty)).ConfigureAwait(false)).Value;

    /// <summary>Removes a queue's ready messages; returns how many went.</summary>
    public async Task<int> PurgeQueueAsync(string name) => (await AskAsync<Count>(new PurgeQueue(name)).ConfigureAwait(false)).Value;

    /// <summary>Declares an exchange, or checks that an existing one has the same settings.</summary>
    public Task DeclareExchangeAsync(string name, ExchangeOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        return AskAsync<Done>(new DeclareExchange(name, options));
    }

    /// <summary>Deletes an exchange and its bindings.</summary>
    public Task DeleteExchangeAsync(string name, bool ifUnused = false) => AskAsync<Done>(new DeleteExchange(name, ifUnused));

    /// <summary>Routes messages from <paramref name="exchange"/> matching <paramref name="routingKey"/> (or, for a headers exchange, <paramref name="arguments"/>) to <paramref name="queue"/>.</summary>
    public Task BindQueueAsync(string queue, string exchange, string routingKey, IReadOnlyDictionary<string, object?>? arguments = null) =>
        AskAsync<Done>(new ChangeBinding(Bind: true, ToExchange: false, queue, exchange, routingKey, arguments));

    public Task UnbindQueueAsync(string queue, string exchange, string routingKey, IReadOnlyDictionary<string, object?>? arguments = null) =>
        AskAsync<Done>(new ChangeBinding(Bind: false, ToExchange: false, queue, exchange, routingKey, arguments));

    /// <summary>Routes messages arriving at <paramref name="source"/> on into the exchange <paramref name="destination"/>.</summary>
    public Task BindExchangeAsync(string destination, string source, string routingKey, IReadOnlyDictionary<string, object?>? arguments = null) =>
        AskAsync<Done>(new ChangeBinding(Bind: true, ToExchange: true, destination, source, routingKey, arguments));

    public Task UnbindExchangeAsync(string destination, string source, string routingKey, IReadOnlyDictionary<string, object?>? arguments = null) =>
        AskAsync<Done>(new ChangeBinding(Bind: false, ToExchange: true, destination, source, routingKey, arguments));
}
