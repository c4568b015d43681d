namespace ActorBroker.Broker.Errors;

/// <summary>An operation the broker refused; <see cref="Code"/> says why in a way code can test.</summary>
public class BrokerException : Exception
{
    public BrokerException(BrokerErrorCode code, string message)
        : base(message) => Code = code;

    public BrokerException(BrokerErrorCode code, string message, Exception innerException)
        : base(message, innerException) => Code = code;

    public BrokerErrorCode Code { get; }

    internal static BrokerException NotFound(string message) => new(BrokerErrorCode.NotFound, message);

    internal static BrokerException PreconditionFailed(string message) => new(BrokerErrorCode.PreconditionFailed, message);

    internal static BrokerException AccessRefused(string message) => new(BrokerErrorCode.AccessRefused, message);

    internal static BrokerException NotImplemented(string message) => new(BrokerErrorCode.NotImplemented, message);

    internal static BrokerException InvalidArgument(string message) => new(BrokerErrorCode.InvalidArgument, message);
}
