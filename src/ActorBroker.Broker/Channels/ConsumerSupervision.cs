using ActorBroker.Broker.Client;
using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorBroker.Broker.Channels;

/// <summary>
/// The supervision of a channel's consumer actors: one that throws is restarted at once, and the delivery it
/// failed on goes back to the channel, which retries it with backoff and dead-letters it with reason crash once
/// the retry budget is spent. Akka's decider sees only the exception; the failed message is read from the
/// child's cell, which keeps it until the restart.
/// </summary>
internal sealed class ConsumerSupervision() : OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, SupervisorStrategy.DefaultDecider.Decide)
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (child is ActorRefWithCell { Underlying: ActorCell { CurrentMessage: Delivery delivery } })
        {
            context.Self.Tell(new ChannelProtocol.ConsumerFailed(delivery, cause), ActorRefs.NoSender);
        }

        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
