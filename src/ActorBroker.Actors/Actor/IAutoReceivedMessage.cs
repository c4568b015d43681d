namespace ActorBroker.Actors;

/// <summary>A message the cell handles itself, in mailbox order, instead of passing it to the actor.</summary>
internal interface IAutoReceivedMessage
{
    void Handle(ActorCell cell);
}

/// <summary>A kernel message sent through the user queue that is not worth a dead letter when it arrives late.</summary>
internal interface IKernelInternalMessage : IAutoReceivedMessage
{
}
