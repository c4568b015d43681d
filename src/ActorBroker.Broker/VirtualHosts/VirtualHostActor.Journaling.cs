using ActorBroker.Broker.Errors;
using Akka.Actor;

namespace ActorBroker.Broker.VirtualHosts;

internal sealed partial class VirtualHostActor
{
    /// <summary>
    /// Answers the sender with <paramref name="reply"/> once <paramref name="write"/> (null without durability) is
    /// durable. A change is in effect before it is journaled; a failed write says it will not survive a restart.
    /// </summary>
    private void ReplyOnceJournaled(Task? write, object reply, string change)
    {
        var replyTo = Sender;
        if (write is null)
        {
            replyTo.Tell(reply);
            return;
        }

        write.ContinueWith(
            written => replyTo.Tell(written.IsCompletedSuccessfully
                ? reply
                : new Status.Failure(new BrokerException(BrokerErrorCode.InternalError,
                    $"The {change} is in effect but could not be journaled, so it will not survive a restart: {written.Exception?.InnerException?.Message}"))),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
