using ActorBroker.Actors;
using ActorBroker.Broker.Channels;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Queues;
using ActorBroker.Broker.VirtualHosts;

namespace ActorBroker.Broker.Supervision;

/// <summary>
/// The root of the broker: virtual hosts (each with its queue region, whose shards supervise the queue
/// actors with poison-message handling) and client connections. It also watches dead letters so that a
/// confirm sent to a queue that was deleted meanwhile completes as refused instead of never.
/// </summary>
internal sealed class BrokerSupervisor(BrokerOptions options) : ActorBase
{
    private readonly Dictionary<string, VirtualHost> _hosts = new(StringComparer.Ordinal);

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe<DeadLetter>(Self);
        StartHost(MessageBroker.DefaultVirtualHost);
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    // Hosts and their routing live in _hosts, which this instance keeps; children are kept across a restart.
    protected override void PreRestart(Exception reason, object? message)
    {
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case BrokerSupervisorProtocol.AddVirtualHost add:
                Sender.Tell(_hosts.GetValueOrDefault(add.Name) ?? StartHost(add.Name));
                break;
            case BrokerSupervisorProtocol.FindVirtualHost find:
                Sender.Tell(_hosts.TryGetValue(find.Name, out var host)
                    ? host
                    : new Status.Failure(BrokerException.NotFound($"No virtual host '{find.Name}'.")));
                break;
            case BrokerSupervisorProtocol.ListVirtualHosts:
                Sender.Tell(_hosts.Keys.Order(StringComparer.Ordinal).ToArray());
                break;
            case BrokerSupervisorProtocol.RemoveVirtualHost remove:
                Sender.Tell(_hosts.Remove(remove.Name, out var removed)
                    ? removed
                    : new Status.Failure(BrokerException.NotFound($"No virtual host '{remove.Name}'.")));
                break;
            case BrokerSupervisorProtocol.OpenConnection open:
                Sender.Tell(Context.ActorOf(Props.Create<ConnectionActor>(), "connection-" + open.ConnectionId));
                break;
            case DeadLetter { Message: QueueProtocol.Publish publish }:
                publish.Confirm.Settle(false);
                break;
            case DeadLetter { Message: QueueProtocol.ConfirmBarrier barrier }:
                barrier.Confirm.Settle(false);
                break;
            case DeadLetter { Message: QueueProtocol.IRequest request } dead:
                // The queue was deleted between the caller's lookup and its request: answer instead of letting it time out.
                var replyTo = request is QueueProtocol.Get get ? get.ReplyTo : dead.Sender;
                replyTo?.Tell(new Status.Failure(BrokerException.NotFound($"The queue was deleted before it could answer {request.GetType().Name}.")));
                break;
            case DeadLetter:
                break;
            default:
                return false;
        }

        return true;
    }

    private VirtualHost StartHost(string name)
    {
        var host = new VirtualHost(name, options.Clock);
        host.Actor = Context.ActorOf(Props.Create(() => new VirtualHostActor(host, options)), "vhost-" + Uri.EscapeDataString(name));
        _hosts.Add(name, host);
        return host;
    }
}
