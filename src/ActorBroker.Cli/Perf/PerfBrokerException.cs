namespace ActorBroker.Cli.Perf;

/// <summary>The broker could not be reached, refused the login or dropped the connection; the message is one line for the user.</summary>
internal sealed class PerfBrokerException(string message, Exception? inner = null) : Exception(message, inner);
