namespace ActorBroker.Amqp.Server;

/// <summary>What the writer loop turns into frames; encoding waits until the writer has the pipe's memory.</summary>
internal enum OutboundKind : byte
{
    /// <summary>Frames already encoded into a pooled buffer.</summary>
    Encoded,

    /// <summary>basic.deliver with its content: <see cref="OutboundFrame.Item"/> is the delivery.</summary>
    Deliver,

    /// <summary>basic.get-ok with its content; <see cref="OutboundFrame.Number"/> is the remaining message count.</summary>
    GetOk,

    /// <summary>A publisher confirm: basic.ack of <see cref="OutboundFrame.Number"/>, <see cref="OutboundFrame.Flag"/> = multiple.</summary>
    Ack,

    /// <summary>A negative publisher confirm: basic.nack of <see cref="OutboundFrame.Number"/>.</summary>
    Nack,

    /// <summary>basic.return of an unroutable mandatory message: <see cref="OutboundFrame.Item"/> is the returned-message event.</summary>
    Return,

    Heartbeat,
}

/// <summary>One entry of a connection's outbound queue: a struct, so queueing a delivery allocates nothing.</summary>
internal readonly record struct OutboundFrame(OutboundKind Kind, ushort Channel, object? Item = null, byte[]? Buffer = null, int Length = 0, ulong Number = 0, bool Flag = false);
