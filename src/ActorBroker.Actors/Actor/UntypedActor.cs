namespace ActorBroker.Actors;

/// <summary>An actor with a single <see cref="OnReceive"/> method; call <c>Unhandled(message)</c> for messages it ignores.</summary>
public abstract class UntypedActor : ActorBase
{
    protected abstract void OnReceive(object message);

    protected sealed override bool Receive(object message)
    {
        OnReceive(message);
        return true;
    }
}
