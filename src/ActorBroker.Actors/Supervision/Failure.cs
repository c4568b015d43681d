namespace ActorBroker.Actors;

/// <summary>What a decider sees: the failed child, the exception and the message it was handling (null when it failed starting).</summary>
public sealed record Failure(IActorRef Child, Exception Exception, object? Message);
