using ActorBroker.Amqp.Framing;
using ActorBroker.Broker.Errors;

namespace ActorBroker.Amqp.Server;

/// <summary>
/// The one place where failures become AMQP reply codes. Channel-scoped codes (403, 404, 405, 406) close the
/// channel; everything else closes the connection (<see cref="ReplyCodes.GetScope"/>).
/// </summary>
internal static class AmqpErrors
{
    public static AmqpProtocolException Translate(Exception error) => error switch
    {
        AmqpProtocolException protocol => protocol,
        BrokerException { Code: BrokerErrorCode.ChannelClosed, InnerException: BrokerException reason } => Translate(reason),
        BrokerException broker => new AmqpProtocolException(ToReplyCode(broker.Code), broker.Message),
        ArgumentException argument => new AmqpProtocolException(ReplyCode.PreconditionFailed, argument.Message),
        TimeoutException timeout => new AmqpProtocolException(ReplyCode.InternalError, $"the broker did not answer in time: {timeout.Message}"),
        _ => new AmqpProtocolException(ReplyCode.InternalError, $"{error.GetType().Name}: {error.Message}"),
    };

    public static bool ClosesChannelOnly(AmqpProtocolException error) => !error.IsConnectionError;

    private static ReplyCode ToReplyCode(BrokerErrorCode code) => code switch
    {
        BrokerErrorCode.NoRoute => ReplyCode.NoRoute,
        BrokerErrorCode.AccessRefused => ReplyCode.AccessRefused,
        BrokerErrorCode.NotFound => ReplyCode.NotFound,
        BrokerErrorCode.ResourceLocked => ReplyCode.ResourceLocked,
        BrokerErrorCode.PreconditionFailed => ReplyCode.PreconditionFailed,
        BrokerErrorCode.ChannelClosed => ReplyCode.ChannelError,
        BrokerErrorCode.InvalidArgument => ReplyCode.NotAllowed,
        BrokerErrorCode.NotImplemented => ReplyCode.NotImplemented,
        _ => ReplyCode.InternalError,
    };
}
