namespace ActorBroker.Broker.Queues;

/// <summary>What a queue did with a published message.</summary>
public enum PublishOutcome
{
    /// <summary>The queue holds it (or delivered it at once).</summary>
    Accepted,

    /// <summary>Refused at the length limit (<c>reject-publish</c>): the publisher's confirm fails.</summary>
    Rejected,

    /// <summary>Refused at the length limit and dead-lettered (<c>reject-publish-dlx</c>).</summary>
    RejectedDeadLettered,

    /// <summary>
    /// Dropped as a duplicate: its <c>x-deduplication-header</c> was seen within the queue's window. The publisher's
    /// confirm succeeds (once the original is journaled): a publisher that retried after a lost confirm hears "done".
    /// </summary>
    Duplicate,
}
