using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.Routing;
using ActorBroker.Client;
using ActorBroker.Client.Protocol;

namespace ActorBroker.Broker.Gateway;

internal sealed partial class GatewaySession
{
    private void ReceiveTopology()
    {
        Receive<DeclareQueue>(declare => Answer(
            () => _channel.DeclareQueueAsync(declare.Name, ToDeclaration(declare.Options)),
            declared => new QueueDeclared(declared.QueueName, declared.MessageCount, declared.ConsumerCount)));
        Receive<DeleteQueue>(delete => Answer(() => _channel.DeleteQueueAsync(delete.Name, delete.IfUnused, delete.IfEmpty), count => new Count(count)));
        Receive<PurgeQueue>(purge => Answer(() => _channel.PurgeQueueAsync(purge.Name), count => new Count(count)));
        Receive<DeclareExchange>(declare => Answer(() => DoneAfter(_channel.DeclareExchangeAsync(declare.Name, ToSettings(declare.Options))), Same));
        Receive<DeleteExchange>(delete => Answer(() => DoneAfter(_channel.DeleteExchangeAsync(delete.Name, delete.IfUnused)), Same));
        Receive<ChangeBinding>(change => Answer(() => DoneAfter(ChangeBindingAsync(change)), Same));
    }

    private Task ChangeBindingAsync(ChangeBinding change)
    {
        var arguments = ClientMessages.ToHeaders(change.Arguments);
        return (change.Bind, change.ToExchange) switch
        {
            (true, false) => _channel.BindQueueAsync(change.Destination, change.Source, change.RoutingKey, arguments),
            (false, false) => _channel.UnbindQueueAsync(change.Destination, change.Source, change.RoutingKey, arguments),
            (true, true) => _channel.BindExchangeAsync(change.Destination, change.Source, change.RoutingKey, arguments),
            (false, true) => _channel.UnbindExchangeAsync(change.Destination, change.Source, change.RoutingKey, arguments),
        };
    }

    private static QueueDeclaration ToDeclaration(QueueOptions options) =>
        new(options.Durable, options.Exclusive, options.AutoDelete, ClientMessages.ToHeaders(options.Arguments));

    /// <exception cref="BrokerException">An exchange type the broker does not know (command invalid, as RabbitMQ answers).</exception>
    private static ExchangeSettings ToSettings(ExchangeOptions options) =>
        ExchangeTypeNames.TryParse(options.Type, out var type)
            ? new ExchangeSettings(type, options.Durable, options.AutoDelete, options.Internal, ClientMessages.ToHeaders(options.Arguments))
            : throw BrokerException.InvalidArgument($"unknown exchange type '{options.Type}'");

    private static async Task<Done> DoneAfter(Task operation)
    {
        await operation.ConfigureAwait(false);
        return Done.Instance;
    }

    private static object Same(Done done) => done;
}
