namespace ActorBroker.Actors;

/// <summary>A user message with its sender, stored by value in the mailbox so enqueueing allocates nothing.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
