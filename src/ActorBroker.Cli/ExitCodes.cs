namespace ActorBroker.Cli;

/// <summary>Process exit codes shared by all commands; scripts may rely on them (README.md lists them too).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Anything else that went wrong: a node error, an unreadable file, a node that is not ready.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line, or a request the node refused as malformed (400).</summary>
    public const int Usage = 2;

    /// <summary>Connection refused, unknown host or no answer in time.</summary>
    public const int NodeUnreachable = 3;

    /// <summary>Wrong credentials (401) or a user without the right (403).</summary>
    public const int AccessRefused = 4;

    /// <summary>The vhost, queue, exchange, binding or connection does not exist (404).</summary>
    public const int NotFound = 5;

    /// <summary>Declared differently, in use or not empty (409 conflict / precondition_failed).</summary>
    public const int Conflict = 6;

    /// <summary>Stopped by Ctrl-C where that is not the normal end (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;

    /// <summary>The exit codes as the help text shows them.</summary>
    public const string HelpText =
        "Exit codes: 0 success, 1 failure, 2 usage error, 3 node not reachable, 4 wrong credentials or not allowed, 5 not found, 6 conflict or precondition failed, 130 interrupted.";
}
