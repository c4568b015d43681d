namespace ActorBroker.Broker.Queues;

/// <summary>What a queue at its length limit does with a new message (<c>x-overflow</c>).</summary>
public enum OverflowBehavior
{
    /// <summary>Accept it and drop (dead-letter) the oldest ready messages.</summary>
    DropHead,

    /// <summary>Refuse it: the publisher's confirm fails.</summary>
    RejectPublish,

    /// <summary>Refuse it and dead-letter it.</summary>
    RejectPublishDeadLetter,
}
