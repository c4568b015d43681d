namespace ActorBroker.Cli.Invocation;

/// <summary>A bad value the parser could not catch (an environment variable, a file's contents); exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
