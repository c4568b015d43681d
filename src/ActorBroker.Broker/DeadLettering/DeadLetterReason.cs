namespace ActorBroker.Broker.DeadLettering;

/// <summary>Why a message left its queue for the dead-letter target (the <c>reason</c> of its x-death entry).</summary>
public enum DeadLetterReason
{
    /// <summary>Rejected or nacked by a consumer without requeue.</summary>
    Rejected,

    /// <summary>Its time to live ran out.</summary>
    Expired,

    /// <summary>Dropped or refused by a queue length limit.</summary>
    MaxLength,

    /// <summary>Delivered <c>x-delivery-limit</c> times without being acknowledged.</summary>
    DeliveryLimit,

    /// <summary>It crashed its queue (or an in-process consumer) repeatedly: a poison message.</summary>
    Crash,

    /// <summary>It failed the queue's schema (<c>x-schema</c>) when it was published.</summary>
    Schema,
}

internal static class DeadLetterReasonNames
{
    public static string ToWireName(this DeadLetterReason reason) => reason switch
    {
        DeadLetterReason.Rejected => "rejected",
        DeadLetterReason.Expired => "expired",
        DeadLetterReason.MaxLength => "maxlen",
        DeadLetterReason.DeliveryLimit => "delivery_limit",
        DeadLetterReason.Crash => "crash",
        DeadLetterReason.Schema => "schema",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown dead-letter reason."),
    };
}
