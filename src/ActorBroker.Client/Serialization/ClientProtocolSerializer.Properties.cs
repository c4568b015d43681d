namespace ActorBroker.Client.Serialization;

internal sealed partial class ClientProtocolSerializer
{
    // One bit per property that is set, so that a message without properties costs two bytes.
    [Flags]
    private enum Present : ushort
    {
        None = 0,
        ContentType = 1 << 0,
        ContentEncoding = 1 << 1,
        Headers = 1 << 2,
        Persistent = 1 << 3,
        Priority = 1 << 4,
        CorrelationId = 1 << 5,
        ReplyTo = 1 << 6,
        Expiration = 1 << 7,
        MessageId = 1 << 8,
        Timestamp = 1 << 9,
        Type = 1 << 10,
        UserId = 1 << 11,
        AppId = 1 << 12,
    }

    private static void WriteProperties(ref ProtocolWriter w, MessageProperties p)
    {
        var present = Present.None;
        present |= p.ContentType is null ? 0 : Present.ContentType;
        present |= p.ContentEncoding is null ? 0 : Present.ContentEncoding;
        present |= p.Headers is null ? 0 : Present.Headers;
        present |= p.Persistent ? Present.Persistent : 0;
        present |= p.Priority is null ? 0 : Present.Priority;
        present |= p.CorrelationId is null ? 0 : Present.CorrelationId;
        present |= p.ReplyTo is null ? 0 : Present.ReplyTo;
        present |= p.Expiration is null ? 0 : Present.Expiration;
        present |= p.MessageId is null ? 0 : Present.MessageId;
        present |= p.Timestamp is null ? 0 : Present.Timestamp;
        present |= p.Type is null ? 0 : Present.Type;
        present |= p.UserId is null ? 0 : Present.UserId;
        present |= p.AppId is null ? 0 : Present.AppId;
        w.VarUInt((ulong)present);
        if (present == Present.None)
        {
            return;
        }

        WriteIf(ref w, p.ContentType);
        WriteIf(ref w, p.ContentEncoding);
        if (p.Headers is { } headers)
        {
            w.Table(headers);
        }

        if (p.Priority is { } priority)
        {
            w.Byte(priority);
        }

        WriteIf(ref w, p.CorrelationId);
        WriteIf(ref w, p.ReplyTo);
        if (p.Expiration is { } expiration)
        {
            w.VarInt(expiration.Ticks);
        }

        WriteIf(ref w, p.MessageId);
        if (p.Timestamp is { } timestamp)
        {
            w.VarInt(timestamp.ToUnixTimeSeconds());
        }

        WriteIf(ref w, p.Type);
        WriteIf(ref w, p.UserId);
        WriteIf(ref w, p.AppId);
    }

    private static MessageProperties ReadProperties(ref ProtocolReader r)
    {
        var present = (Present)r.VarUInt();
        if (present == Present.None)
        {
            return MessageProperties.Empty;
        }

        return new MessageProperties
        {
            ContentType = present.HasFlag(Present.ContentType) ? r.String() : null,
            ContentEncoding = present.HasFlag(Present.ContentEncoding) ? r.String() : null,
            Headers = present.HasFlag(Present.Headers) ? r.Table() : null,
            Persistent = present.HasFlag(Present.Persistent),
            Priority = present.HasFlag(Present.Priority) ? r.Byte() : null,
            CorrelationId = present.HasFlag(Present.CorrelationId) ? r.String() : null,
            ReplyTo = present.HasFlag(Present.ReplyTo) ? r.String() : null,
            Expiration = present.HasFlag(Present.Expiration) ? TimeSpan.FromTicks(r.VarInt()) : null,
            MessageId = present.HasFlag(Present.MessageId) ? r.String() : null,
            Timestamp = present.HasFlag(Present.Timestamp) ? DateTimeOffset.FromUnixTimeSeconds(r.VarInt()) : null,
            Type = present.HasFlag(Present.Type) ? r.String() : null,
            UserId = present.HasFlag(Present.UserId) ? r.String() : null,
            AppId = present.HasFlag(Present.AppId) ? r.String() : null,
        };
    }

    private static void WriteIf(ref ProtocolWriter w, string? value)
    {
        if (value is not null)
        {
            w.String(value);
        }
    }
}
