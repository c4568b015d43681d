namespace ActorBroker.Cli.Amqp;

/// <summary>
/// An AMQP broker could not be reached, refused the login or refused the connection; the message is one line
/// for the user and <see cref="ExitCode"/> says which of these it was.
/// </summary>
internal sealed class BrokerConnectionException(string message, int exitCode, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
