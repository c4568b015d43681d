using System.Runtime.ExceptionServices;
using ActorBroker.Broker.Actors;
using Akka.Actor;

namespace ActorBroker.Broker.Actors;

/// <summary>The broker's one way to Ask an actor, with the reply contract its callers rely on.</summary>
internal static class AskExtensions
{
    /// <summary>
    /// Asks <paramref name="target"/> and returns its reply as <typeparamref name="T"/>. A <see cref="Status.Failure"/>
    /// reply faults the task with its cause whatever <typeparamref name="T"/> is (Akka's typed Ask passes it on as an
    /// ArgumentException when <typeparamref name="T"/> is itself a <see cref="Status"/>); a reply of another type
    /// faults it with an <see cref="InvalidCastException"/> naming both types; no reply faults it with Akka's
    /// <see cref="AskTimeoutException"/> after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<T> AskFor<T>(this ICanTell target, object message, TimeSpan timeout)
    {
        var reply = await target.Ask<object>(message, timeout).ConfigureAwait(false);
        switch (reply)
        {
            case T typed:
                return typed;
            case Status.Failure failure:
                ExceptionDispatchInfo.Throw(failure.Cause);
                throw failure.Cause;
            default:
                throw new InvalidCastException($"Asked for a {typeof(T).Name} with {message.GetType().Name}, but the reply was a {reply?.GetType().Name ?? "null"}.");
        }
    }

    /// <summary>
    /// Asks every one of <paramref name="targets"/> <paramref name="message"/> and tells <paramref name="replyTo"/>
    /// <see cref="Akka.Done"/> once all of them answered Done (or the first failure).
    /// </summary>
    public static void AskAllThenReply(this IEnumerable<IActorRef> targets, object message, TimeSpan timeout, IActorRef replyTo) =>
        Task.WhenAll(targets.Select(t => t.AskFor<Akka.Done>(message, timeout)))
            .PipeTo(replyTo, success: () => Akka.Done.Instance, failure: cause => new Status.Failure(cause));
}
