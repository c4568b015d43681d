using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Client;

public sealed partial class BrokerChannel
{
    /// <summary>
    /// Declares a queue, or checks an existing one. An empty name asks the broker for a unique
    /// <c>amq.gen-…</c> name (returned in the result).
    /// </summary>
    /// <exception cref="Errors.BrokerException">Precondition failed (exists with other settings, bad arguments),
    /// access refused (reserved <c>amq.</c> name), resource locked (exclusive to another connection).</exception>
    public Task<QueueDeclareResult> DeclareQueueAsync(string name = "", QueueDeclaration? declaration = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        return DeclareQueueAsync(name, declaration ?? new QueueDeclaration(), passive: false, serverOwned: false);
    }

    /// <summary>Checks that a queue exists and returns its ready-message and consumer counts.</summary>
    /// <exception cref="Errors.BrokerException">Not found.</exception>
    public Task<QueueDeclareResult> DeclareQueuePassiveAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return DeclareQueueAsync(name, new QueueDeclaration(), passive: true, serverOwned: false);
    }

    /// <summary>Deletes a queue and returns how many ready messages it held (0 when it did not exist).</summary>
    /// <exception cref="Errors.BrokerException">Precondition failed: it has consumers (if-unused) or messages (if-empty).</exception>
    public Task<int> DeleteQueueAsync(string name, bool ifUnused = false, bool ifEmpty = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return AskAsync<int>(Host.Actor, new VirtualHostProtocol.DeleteQueue(name, ifUnused, ifEmpty, Connection.Id));
    }

    /// <summary>Removes a queue's ready messages (not its unacked ones) and returns how many went.</summary>
    public Task<int> PurgeQueueAsync(string name) => AskQueueAsync<int>(name, new QueueProtocol.Purge());

    /// <summary>Declares an exchange, or checks that an existing one has the same settings.</summary>
    /// <exception cref="Errors.BrokerException">Precondition failed (other settings), access refused (<c>amq.</c> names).</exception>
    public Task DeclareExchangeAsync(string name, ExchangeSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(settings);
        return AskAsync<VirtualHostProtocol.Done>(Host.Actor, new VirtualHostProtocol.DeclareExchange(name, settings, Passive: false));
    }

    /// <summary>Declares an exchange of the given type (durable, not auto-delete, not internal).</summary>
    public Task DeclareExchangeAsync(string name, ExchangeType type) => DeclareExchangeAsync(name, new ExchangeSettings(type));

    /// <summary>Checks that an exchange exists.</summary>
    /// <exception cref="Errors.BrokerException">Not found.</exception>
    public Task DeclareExchangePassiveAsync(string name) =>
        AskAsync<VirtualHostProtocol.Done>(Host.Actor, new VirtualHostProtocol.DeclareExchange(name, new ExchangeSettings(ExchangeType.Direct), Passive: true));

    /// <summary>Deletes an exchange and its bindings (nothing happens when it does not exist).</summary>
    /// <exception cref="Errors.BrokerException">Precondition failed (bindings left, if-unused), access refused (predeclared).</exception>
    public Task DeleteExchangeAsync(string name, bool ifUnused = false) =>
        AskAsync<VirtualHostProtocol.Done>(Host.Actor, new VirtualHostProtocol.DeleteExchange(name, ifUnused));

    /// <summary>Routes messages from <paramref name="exchange"/> matching <paramref name="routingKey"/> (or, for a headers exchange, <paramref name="arguments"/>) to <paramref name="queue"/>. Binding twice is harmless.</summary>
    /// <exception cref="Errors.BrokerException">Not found (queue or exchange), access refused (the default exchange).</exception>
    public Task BindQueueAsync(string queue, string exchange, string routingKey, Headers? arguments = null) =>
        ChangeBinding(new Binding(exchange, Destination.Queue(queue), routingKey, arguments), bind: true);

    /// <summary>Removes the binding with exactly these parts; an auto-delete exchange left without bindings goes too.</summary>
    public Task UnbindQueueAsync(string queue, string exchange, string routingKey, Headers? arguments = null) =>
        ChangeBinding(new Binding(exchange, Destination.Queue(queue), routingKey, arguments), bind: false);

    /// <summary>Routes messages arriving at <paramref name="source"/> on into <paramref name="destination"/>.</summary>
    public Task BindExchangeAsync(string destination, string source, string routingKey, Headers? arguments = null) =>
        ChangeBinding(new Binding(source, Destination.Exchange(destination), routingKey, arguments), bind: true);

    /// <summary>Removes an exchange-to-exchange binding.</summary>
    public Task UnbindExchangeAsync(string destination, string source, string routingKey, Headers? arguments = null) =>
        ChangeBinding(new Binding(source, Destination.Exchange(destination), routingKey, arguments), bind: false);

    internal Task<QueueDeclareResult> DeclareQueueAsync(string name, QueueDeclaration declaration, bool passive, bool serverOwned) =>
        AskAsync<QueueDeclareResult>(Host.Actor, new VirtualHostProtocol.DeclareQueue(name, declaration, passive, Connection.Id, Connection.Actor, serverOwned));

    private Task<VirtualHostProtocol.Done> ChangeBinding(Binding binding, bool bind)
    {
        ArgumentNullException.ThrowIfNull(binding.Source);
        ArgumentNullException.ThrowIfNull(binding.RoutingKey);
        // RabbitMQ refuses the default exchange (403) before it looks for the queue or exchange (404); clients
        // that probe with a bind rely on that order.
        if (binding.Source.Length == 0 || binding.Destination is { Kind: DestinationKind.Exchange, Name.Length: 0 })
        {
            return Task.FromException<VirtualHostProtocol.Done>(Errors.BrokerException.AccessRefused("operation not permitted on the default exchange"));
        }

        object change = bind
            ? new VirtualHostProtocol.Bind(binding, Connection.Id)
            : new VirtualHostProtocol.Unbind(binding, Connection.Id);
        return AskAsync<VirtualHostProtocol.Done>(Host.Actor, change);
    }

    /// <summary>The actor of a queue this connection may use.</summary>
    private Akka.Actor.IActorRef Queue(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Host.RequireQueue(name, Connection.Id).Actor;
    }
}
