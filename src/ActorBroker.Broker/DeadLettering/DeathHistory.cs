using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.DeadLettering;

/// <summary>
/// Writes and reads the <c>x-death</c> header: one table per (queue, reason) with <c>reason</c>, <c>queue</c>,
/// <c>exchange</c>, <c>routing-keys</c>, <c>count</c> and <c>time</c>, most recent first, the way RabbitMQ
/// clients read it, with RabbitMQ's types: strings are long strings, <c>count</c> a signed 64-bit integer,
/// <c>time</c> a timestamp and <c>original-expiration</c> the expiration property as it was (a string). <c>x-first-death-*</c> and <c>x-last-death-*</c> name the first and latest death.
/// </summary>
public static class DeathHistory
{
    public const string HeaderName = "x-death";

    /// <summary>
    /// The message as it leaves <paramref name="queue"/>: history recorded, per-message expiration removed (so
    /// it does not expire again in the dead-letter queue), addressed to the dead-letter exchange and routing key.
    /// </summary>
    public static Message Record(Message message, DeadLetterReason reason, string queue, DateTimeOffset now, string deadLetterExchange, string? deadLetterRoutingKey)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Properties.Headers?.Clone() ?? [];
        var reasonName = reason.ToWireName();
        var deaths = headers.TryGetValue(HeaderName, out var existing) && existing.Kind == FieldKind.Array
            ? new List<FieldValue>(existing.AsArray())
            : [];

        var count = 1L;
        for (var i = 0; i < deaths.Count; i++)
        {
            var entry = deaths[i].AsTable();
            if (Is(entry, "queue", queue) && Is(entry, "reason", reasonName))
            {
                count = entry["count"].AsInteger() + 1;
                deaths.RemoveAt(i);
                break;
            }
        }

        var death = new Headers
        {
            ["reason"] = reasonName,
            ["queue"] = queue,
            ["exchange"] = message.Exchange,
            ["routing-keys"] = FieldValue.From([message.RoutingKey]),
            ["count"] = count,
            ["time"] = now,
        };
        if (reason == DeadLetterReason.Expired && message.Properties.Expiration is { } expiration)
        {
            death["original-expiration"] = ((long)expiration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        deaths.Insert(0, death);
        headers[HeaderName] = FieldValue.From(deaths);
        if (!headers.ContainsKey("x-first-death-reason"))
        {
            headers["x-first-death-reason"] = reasonName;
            headers["x-first-death-queue"] = queue;
            headers["x-first-death-exchange"] = message.Exchange;
        }

        headers["x-last-death-reason"] = reasonName;
        headers["x-last-death-queue"] = queue;
        headers["x-last-death-exchange"] = message.Exchange;

        var properties = message.Properties with { Headers = headers, Expiration = null };
        return new Message(deadLetterExchange, deadLetterRoutingKey ?? message.RoutingKey, properties, message.Body);
    }

    /// <summary>The latest death of a dead-lettered message, or null when it was never dead-lettered.</summary>
    public static DeathRecord? Latest(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Properties.Headers is not { } headers || !headers.TryGetValue(HeaderName, out var value)
            || value.Kind != FieldKind.Array || value.AsArray().Count == 0)
        {
            return null;
        }

        var entry = value.AsArray()[0].AsTable();
        var keys = entry["routing-keys"].AsArray();
        return new DeathRecord(
            entry["queue"].AsString(),
            entry["reason"].AsString(),
            entry["exchange"].AsString(),
            keys.Count > 0 ? keys[0].AsString() : string.Empty,
            entry["count"].AsInteger(),
            entry["time"].AsTimestamp());
    }

    private static bool Is(Headers entry, string key, string expected) =>
        entry.TryGetValue(key, out var v) && v.Kind == FieldKind.String && string.Equals(v.AsString(), expected, StringComparison.Ordinal);
}

/// <summary>One x-death entry: where and why a message died, and how often it died there for that reason.</summary>
public sealed record DeathRecord(string Queue, string Reason, string Exchange, string RoutingKey, long Count, DateTimeOffset Time);
