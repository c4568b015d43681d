using System.Text.Json.Nodes;
using ActorBroker.Management.Resources;
using Spectre.Console;

namespace ActorBroker.Cli.Output;

/// <summary>Messages (peeked, got or consumed) as table rows: where they came from, their state and their payload.</summary>
internal static class MessageTable
{
    private const int PayloadWidth = 60;

    public static void Write(IAnsiConsole console, IReadOnlyList<MessageResource> messages, string emptyText)
    {
        var numbered = messages.Select((message, index) => (Number: index + 1, Message: message)).ToList();
        new TableView<(int Number, MessageResource Message)>()
            .Number("#", row => row.Number)
            .Column("Exchange", row => Exchange(row.Message))
            .Column("Routing key", row => row.Message.RoutingKey)
            .Column("Redelivered", row => Cells.YesNo(row.Message.Redelivered))
            .Number("Size", row => row.Message.PayloadBytes)
            .Column("Properties", row => Properties(row.Message.Properties))
            .Column("Payload", row => Payload(row.Message))
            .Write(console, numbered, emptyText);
    }

    /// <summary>A message as one line, for a stream of deliveries.</summary>
    public static string Line(long number, MessageResource message) =>
        $"#{number} {Exchange(message)} → {message.RoutingKey}{(message.Redelivered ? " (redelivered)" : "")} {Cells.Bytes(message.PayloadBytes)}: {Payload(message)}";

    private static string Exchange(MessageResource message) => message.Exchange.Length == 0 ? "(default)" : message.Exchange;

    private static string Payload(MessageResource message) =>
        message.PayloadEncoding == "base64" ? "base64:" + Cells.Clip(message.Payload, PayloadWidth) : Cells.Clip(message.Payload, PayloadWidth);

    /// <summary>Headers with each value's AMQP type after it (<c>{"n":5:signedint}</c>) when the types are known.</summary>
    private static string TypedHeaders(JsonObject headers, JsonObject? types) =>
        types is null ? headers.ToJsonString() : Typed(headers, types);

    private static string Typed(JsonNode? value, JsonNode? type) => (value, type) switch
    {
        (JsonObject table, JsonObject types) => "{" + string.Join(',', table.Select(f => $"{JsonValue.Create(f.Key).ToJsonString()}:{Typed(f.Value, types[f.Key])}")) + "}",
        (JsonArray items, JsonArray types) => "[" + string.Join(',', items.Select((item, i) => Typed(item, i < types.Count ? types[i] : null))) + "]",
        (_, JsonValue name) => $"{value?.ToJsonString() ?? "null"}:{name.GetValue<string>()}",
        _ => value?.ToJsonString() ?? "null",
    };

    private static string Properties(MessageProperties properties)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
                parts.Add($"{name}={value}");
        }
        Add("content_type", properties.ContentType);
        Add("delivery_mode", properties.DeliveryMode);
        Add("priority", properties.Priority);
        Add("message_id", properties.MessageId);
        Add("correlation_id", properties.CorrelationId);
        Add("reply_to", properties.ReplyTo);
        Add("expiration", properties.Expiration);
        if (properties.Headers is { Count: > 0 } headers)
            parts.Add("headers=" + TypedHeaders(headers, properties.HeaderTypes));
        return Cells.Clip(string.Join(' ', parts), PayloadWidth);
    }
}
