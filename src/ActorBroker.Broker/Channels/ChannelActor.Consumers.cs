using ActorBroker.Broker.Client;
using Akka.Actor;

namespace ActorBroker.Broker.Channels;

internal sealed partial class ChannelActor
{
    private bool ReceiveConsumerChange(object message)
    {
        switch (message)
        {
            case ChannelProtocol.RegisterConsumer register:
                var actor = register.ActorProps is { } props
                    ? Context.ActorOf(props, "consumer-" + Uri.EscapeDataString(register.Tag))
                    : null;
                _consumers[register.Tag] = new ChannelConsumer(register.Tag, register.Queue, register.QueueName, register.AutoAck, register.Handler, actor);
                WatchIfRemote(register.Queue);
                break;
            case ChannelProtocol.UnregisterConsumer unregister:
                RemoveConsumer(unregister.Tag);
                break;
            case ChannelProtocol.ConsumerCancelled cancelled:
                Cancel(cancelled.Tag, cancelled.QueueName);
                break;
            case ChannelProtocol.Recover:
                Recover();
                break;
            default:
                return ReceiveAdmin(message);
        }

        return true;
    }

    /// <summary>The broker ends a consumer (its queue deleted or lost): the client is told, once.</summary>
    private void Cancel(string tag, string queueName)
    {
        if (RemoveConsumer(tag))
        {
            channel.OnConsumerCancelled(tag, queueName);
        }
    }

    private bool RemoveConsumer(string tag)
    {
        if (!_consumers.Remove(tag, out var consumer))
        {
            return false;
        }

        if (consumer.Actor is { } actor)
        {
            Context.Stop(actor);
        }

        return true;
    }
}
