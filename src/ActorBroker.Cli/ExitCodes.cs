namespace ActorBroker.Cli;

/// <summary>Process exit codes shared by all commands.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
}
