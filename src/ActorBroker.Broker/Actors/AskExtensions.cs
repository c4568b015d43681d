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
    public static Task<T> AskFor<T>(this ICanTell target, object message, TimeSpan timeout) =>
        AskFor<T>(target, message, timeout, CancellationToken.None);

    /// <summary>
    /// <see cref="AskFor{T}(ICanTell, object, TimeSpan)"/> of an actor that may be gone: ends as soon as death watch
    /// reports <paramref name="target"/> terminated (<see cref="TargetDeathWatch"/>), faulted with what
    /// <paramref name="gone"/> makes, rather than after <paramref name="timeout"/>. For requests to queues, which stop
    /// when deleted and when their node leaves or fails, and may live on another node.
    /// </summary>
    public static Task<T> AskWatchingFor<T>(this IActorRef target, ActorSystem system, object message, TimeSpan timeout, Func<Exception> gone) =>
        EndWhenGoneAsync(target, system, terminated => AskFor<T>(target, message, timeout, terminated), gone);

    /// <summary>
    /// A wait for the answer to a request told to <paramref name="target"/> (one that cannot be an Ask, e.g. because
    /// the target must see the asker as its sender), ended as <see cref="AskWatchingFor{T}"/> ends its ask.
    /// </summary>
    public static Task<T> WaitWatchingAsync<T>(this Task<T> answer, IActorRef target, ActorSystem system, TimeSpan timeout, Func<Exception> gone) =>
        EndWhenGoneAsync(target, system, terminated => answer.WaitAsync(timeout, terminated), gone);

    private static async Task<T> EndWhenGoneAsync<T>(IActorRef target, ActorSystem system, Func<CancellationToken, Task<T>> answer, Func<Exception> gone)
    {
        var terminated = TargetDeathWatch.Get(system).TerminationOf(target);
        try
        {
            return await answer(terminated).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (terminated.IsCancellationRequested)
        {
            throw gone();
        }
    }

    private static async Task<T> AskFor<T>(ICanTell target, object message, TimeSpan timeout, CancellationToken cancellation)
    {
        var reply = await target.Ask<object>(message, timeout, cancellation).ConfigureAwait(false);
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
