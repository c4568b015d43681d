using Akka.Actor;
using Akka.Actor.Internal;

namespace ActorBroker.Client.Actors;

/// <summary>
/// Restarts a consumer actor that throws, and tells the sender of the delivery it failed on (the broker channel, or
/// the gateway's proxy of an Akka client's subscription) what <c>report</c> makes of the delivery and the exception,
/// so that the sender retries it with backoff and finally dead-letters it. The one supervision of consumer actors,
/// for the broker's in-process consumers and the client's alike.
/// </summary>
/// <remarks>
/// Akka's decider sees only the exception; the failed message and its sender are read from the child's cell, which
/// keeps both until the restart (the child is suspended meanwhile, so nothing replaces them). The report goes to the
/// delivery's sender rather than to the supervisor: a subscription to several queues has a sender per queue.
/// </remarks>
internal sealed class DeliveryFailureSupervision<TDelivery>(Func<TDelivery, Exception, object> report)
    : OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider.Decide)
    where TDelivery : class
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cause);
        if (child is ActorRefWithCell { Underlying: ActorCell { CurrentMessage: TDelivery delivery, Sender: { } sender } })
        {
            sender.Tell(report(delivery, cause), context.Self);
        }

        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
