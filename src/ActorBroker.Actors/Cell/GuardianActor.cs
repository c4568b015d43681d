namespace ActorBroker.Actors;

/// <summary>The <c>/user</c> guardian: parent and supervisor of every top-level actor.</summary>
internal sealed class GuardianActor(SupervisorStrategy? strategy) : ActorBase
{
    protected override bool Receive(object message) => false;

    protected override SupervisorStrategy SupervisorStrategy() => strategy ?? base.SupervisorStrategy();
}
