using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Client;

/// <summary>A mandatory message that no queue took, handed back to its publisher.</summary>
public sealed class MessageReturnedEventArgs(BrokerErrorCode replyCode, string replyText, Message message) : EventArgs
{
    public BrokerErrorCode ReplyCode { get; } = replyCode;

    public string ReplyText { get; } = replyText;

    public Message Message { get; } = message;
}
