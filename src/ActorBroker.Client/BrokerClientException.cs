namespace ActorBroker.Client;

/// <summary>
/// An operation the broker refused or could not do. <see cref="Code"/> is the AMQP reply code the broker gives the
/// same error (404 not found, 406 precondition failed, 403 access refused, 405 resource locked, 530 invalid
/// argument, 541 internal error), or <see cref="Unreachable"/> when no node answered in time.
/// </summary>
public sealed class BrokerClientException : Exception
{
    /// <summary>No broker node answered within the client's timeout.</summary>
    public const int Unreachable = 0;

    public BrokerClientException()
        : this(Unreachable, "The broker did not answer.")
    {
    }

    public BrokerClientException(string message)
        : this(Unreachable, message)
    {
    }

    public BrokerClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BrokerClientException(int code, string message)
        : base(message) => Code = code;

    /// <summary>The AMQP reply code of the error, or <see cref="Unreachable"/>.</summary>
    public int Code { get; }
}
