using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.DeadLettering;

/// <summary>
/// What a consumer threw on a delivery: its exception's type and message. A message dead-lettered because its consumer
/// kept crashing carries the last one in <c>x-exception-type</c> and <c>x-exception-message</c> (the names Spring
/// AMQP's republishing recoverer uses), beside <c>x-death</c>'s reason <c>crash</c>.
/// </summary>
public sealed record ConsumerFailure(string ExceptionType, string ExceptionMessage)
{
    public const string TypeHeader = "x-exception-type";

    public const string MessageHeader = "x-exception-message";

    /// <summary>Longest header value, in characters: a dead letter stays small whatever a consumer throws.</summary>
    public const int MaxLength = 1024;

    /// <summary>The failure of <paramref name="exception"/>: its full type name and its message.</summary>
    public static ConsumerFailure Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new ConsumerFailure(exception.GetType().FullName ?? exception.GetType().Name, exception.Message);
    }

    /// <summary>A copy of <paramref name="message"/> with the failure's headers, each cut to <see cref="MaxLength"/>.</summary>
    public Message Stamp(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Properties.Headers?.Clone() ?? [];
        headers[TypeHeader] = Bounded(ExceptionType);
        headers[MessageHeader] = Bounded(ExceptionMessage);
        return message.With(message.Properties with { Headers = headers });
    }

    private static string Bounded(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 1), "…");
}
