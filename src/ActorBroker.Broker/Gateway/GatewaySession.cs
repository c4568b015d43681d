using ActorBroker.Broker.Client;
using ActorBroker.Client;
using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Event;

namespace ActorBroker.Broker.Gateway;

/// <summary>
/// One Akka client's session on a node: a broker connection with a channel for publishing, gets, requests and
/// topology, and a channel per subscription. It answers each request to its sender (the client's asker). It
/// watches the client: when the client stops or its ActorSystem is lost, the session closes its connection, so
/// its consumers end, their unacked deliveries go back to their queues and its exclusive queues are deleted. A
/// session whose channel the broker closed (a protocol error) stops too; the client then opens a new one. A
/// subscription whose queue is deleted ends, and its subscriber is told.
/// </summary>
internal sealed partial class GatewaySession : ReceiveActor
{
    private readonly IActorRef _client;
    private readonly BrokerConnection _connection;
    private readonly BrokerChannel _channel;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, BrokerChannel> _subscriptions = new(StringComparer.Ordinal);

    public GatewaySession(IActorRef client, BrokerConnection connection, BrokerChannel channel, TimeSpan timeout)
    {
        _client = client;
        _connection = connection;
        _channel = channel;
        _timeout = timeout;
        Receive<Publish>(Publish);
        Receive<Get>(Get);
        Receive<DeliverySettlement>(Settle);
        Receive<Request>(Request);
        Receive<Subscribe>(Subscribe);
        Receive<Subscribed>(OnSubscribed);
        Receive<Unsubscribe>(Unsubscribe);
        Receive<CancelledByBroker>(OnCancelledByBroker);
        ReceiveTopology();
        Receive<Terminated>(_ => Context.Stop(Self));
    }

    protected override void PreStart()
    {
        Context.Watch(_client);
        var self = Self;
        _channel.Closed += (_, _) => self.Tell(PoisonPill.Instance);
    }

    protected override void PostStop()
    {
        var log = Context.GetLogger();
        _connection.CloseAsync().ContinueWith(
            closing => log.Warning("A client session's connection did not close: {0}", closing.Exception?.GetBaseException().Message),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private void Publish(Publish publish)
    {
        var sequence = publish.Sequence;
        Answer(
            () => _channel.PublishAsync(publish.Exchange, publish.RoutingKey, publish.Body, publish.Properties.ToBroker(), publish.Mandatory),
            accepted => new Confirm(sequence, accepted),
            error =>
            {
                var failure = ClientMessages.ToFailure(error);
                return new Confirm(sequence, false, failure.Code, failure.Message);
            });
    }

    private void Get(Get get) => Answer(
        () => _channel.GetAsync(get.Queue, get.AutoAck),
        result => new GetReply(result.Delivery?.ToClient(), result.MessageCount));

    private void Settle(DeliverySettlement settlement)
    {
        switch (settlement.Kind)
        {
            case SettlementKind.Ack:
                _channel.Ack(settlement.DeliveryTag);
                break;
            case SettlementKind.Requeue:
                _channel.Nack(settlement.DeliveryTag, requeue: true);
                break;
            default:
                _channel.Reject(settlement.DeliveryTag, requeue: false);
                break;
        }
    }

    private void Request(Request request) => Answer(
        () => _channel.RequestAsync(request.Exchange, request.RoutingKey, request.Body, request.Timeout, request.Properties.ToBroker()),
        reply => reply.ToClient());

    /// <summary>
    /// Runs a broker call and answers the sender with its result, or with the failure it ended in (also one thrown
    /// before the call returned a task). The answer goes from the task's thread: it touches no state of this actor.
    /// </summary>
    private void Answer<T>(Func<Task<T>> call, Func<T, object> success, Func<Exception, object>? failure = null)
    {
        Task<T> task;
        try
        {
            task = call();
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            task = Task.FromException<T>(error);
        }

        task.PipeTo(Sender, Self, success, failure ?? ClientMessages.ToFailure);
    }
}
