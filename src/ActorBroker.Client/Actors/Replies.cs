using ActorBroker.Client.Protocol;

namespace ActorBroker.Client.Actors;

/// <summary>Turns a gateway's reply into the result a caller expects, or into the error it stands for.</summary>
internal static class Replies
{
    /// <exception cref="BrokerClientException">The broker refused the request.</exception>
    /// <exception cref="TimeoutException">A request got no reply in time (<see cref="Failed.TimedOut"/>).</exception>
    public static T Expect<T>(object reply) => reply switch
    {
        T expected => expected,
        Failed { Code: Failed.TimedOut } timedOut => throw new TimeoutException(timedOut.Message),
        Failed failed => throw failed.ToException(),
        _ => throw new BrokerClientException(Failed.InternalError, $"The gateway answered {reply.GetType().Name}, not {typeof(T).Name}."),
    };

    /// <summary>A publish's outcome: accepted or not, or the broker's error.</summary>
    public static bool Accepted(object reply)
    {
        var confirm = Expect<Confirm>(reply);
        return confirm.Error is null ? confirm.Accepted : throw new BrokerClientException(confirm.ErrorCode, confirm.Error);
    }
}
