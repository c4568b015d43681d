using ActorBroker.Client.Protocol;
using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorBroker.Client.Actors;

/// <summary>
/// Restarts a consumer actor that throws and reports the delivery it failed on to the supervising actor, as a
/// <see cref="ConsumerFailed"/> with the exception as the reason. Akka's decider sees only the exception; the
/// failed message is read from the child's cell, which keeps it until the restart.
/// </summary>
internal sealed class DeliveryFailureSupervision() : OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider.Decide)
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cause);
        if (child is ActorRefWithCell { Underlying: ActorCell { CurrentMessage: BrokerDelivery delivery } })
        {
            context.Self.Tell(new ConsumerFailed(delivery.DeliveryTag, $"{cause.GetType().Name}: {cause.Message}"), ActorRefs.NoSender);
        }

        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
