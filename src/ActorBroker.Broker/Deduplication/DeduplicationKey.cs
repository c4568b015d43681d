using System.Globalization;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Deduplication;

/// <summary>
/// The identity of a message for deduplication: its <c>x-deduplication-header</c> value. Values of different
/// kinds never match (the string "1" is not the integer 1), as the plugin compares typed values.
/// </summary>
internal static class DeduplicationKey
{
    /// <summary>The message's key, or null when it has no usable header (it is then never a duplicate).</summary>
    public static string? Of(Message message)
    {
        if (message.Properties.Headers is not { } headers || !headers.TryGetValue(DeduplicationSettings.Header, out var value))
        {
            return null;
        }

        return value.Kind switch
        {
            FieldKind.String => "s" + value.AsString(),
            FieldKind.Bytes => "b" + Convert.ToBase64String(value.AsBytes().Span),
            FieldKind.Integer => "i" + value.AsInteger().ToString(CultureInfo.InvariantCulture),
            FieldKind.Double => "d" + value.AsDouble().ToString("R", CultureInfo.InvariantCulture),
            FieldKind.Decimal => "m" + value.AsDecimal().ToString(CultureInfo.InvariantCulture),
            FieldKind.Boolean => value.AsBoolean() ? "t" : "f",
            FieldKind.Timestamp => "T" + value.AsTimestamp().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            // Void, arrays and tables: the plugin does not deduplicate on them either.
            _ => null,
        };
    }
}
