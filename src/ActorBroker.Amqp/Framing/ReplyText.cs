using System.Text;

namespace ActorBroker.Amqp.Framing;

/// <summary>Builds the reply-text of connection.close and channel.close.</summary>
public static class ReplyText
{
    /// <summary>
    /// <c>NOT_FOUND - no queue 'orders'</c>, RabbitMQ's form, cut to the 255 UTF-8 bytes a short string holds
    /// (messages quote client input, which can be long).
    /// </summary>
    public static string Format(ReplyCode replyCode, string message)
    {
        var text = $"{ReplyCodes.GetName(replyCode)} - {message}";
        if (Encoding.UTF8.GetByteCount(text) <= AmqpWriter.MaxShortStringLength)
        {
            return text;
        }

        var length = Math.Min(text.Length, AmqpWriter.MaxShortStringLength);
        while (Encoding.UTF8.GetByteCount(text.AsSpan(0, length)) > AmqpWriter.MaxShortStringLength || char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }

        return text[..length];
    }
}
