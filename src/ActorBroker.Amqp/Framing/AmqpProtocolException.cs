using System.Globalization;

namespace ActorBroker.Amqp.Framing;

/// <summary>
/// A peer broke the protocol. <see cref="ReplyCode"/> is the code to close with; <see cref="IsConnectionError"/>
/// says whether the connection (hard error) or only the channel (soft error) must close.
/// </summary>
public sealed class AmqpProtocolException : Exception
{
    public AmqpProtocolException(ReplyCode replyCode, string message)
        : base(message) => ReplyCode = replyCode;

    public ReplyCode ReplyCode { get; }

    public bool IsConnectionError => ReplyCodes.GetScope(ReplyCode) != ReplyCodeScope.Channel;

    /// <summary>The reply text in RabbitMQ's form, e.g. <c>FRAME_ERROR - frame of 9000 bytes exceeds frame-max 8192</c>.</summary>
    public string ReplyText => Framing.ReplyText.Format(ReplyCode, Message);

    internal static AmqpProtocolException Frame(string message) => new(ReplyCode.FrameError, message);

    internal static AmqpProtocolException Syntax(string message) => new(ReplyCode.SyntaxError, message);

    internal static AmqpProtocolException UnexpectedFrame(string message) => new(ReplyCode.UnexpectedFrame, message);

    internal static AmqpProtocolException UnknownMethod(AmqpMethodId id) => new(
        ReplyCode.NotImplemented,
        string.Create(CultureInfo.InvariantCulture, $"unknown method: class {AmqpMethods.ClassIdOf(id)}, method {AmqpMethods.MethodIdOf(id)}"));
}
