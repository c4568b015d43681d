using System.Net;
using System.Text.Json;
using ActorBroker.Cli.Amqp;
using ActorBroker.Management.Client;

namespace ActorBroker.Cli.Invocation;

/// <summary>Turns what a command threw into its exit code and one line for stderr; never a stack trace.</summary>
internal static class ErrorReport
{
    public static (int ExitCode, string Message) Describe(Exception exception, ManagementSettings? settings) => exception switch
    {
        CliUsageException e => (ExitCodes.Usage, e.Message),
        NodeUnreachableException e => (ExitCodes.NodeUnreachable, e.Message),
        ManagementApiException e => Describe(e, settings),
        BrokerConnectionException e => (e.ExitCode, e.Message),
        FileNotFoundException e => (ExitCodes.Failure, $"file not found: {e.FileName}"),
        DirectoryNotFoundException e => (ExitCodes.Failure, $"folder not found: {e.Message}"),
        IOException or UnauthorizedAccessException => (ExitCodes.Failure, exception.Message),
        JsonException e => (ExitCodes.Failure, $"not valid JSON: {e.Message}"),
        OperationCanceledException => (ExitCodes.Interrupted, "interrupted"),
        _ => (ExitCodes.Failure, $"unexpected error ({exception.GetType().Name}): {exception.Message}"),
    };

    private static (int, string) Describe(ManagementApiException e, ManagementSettings? settings) => e.StatusCode switch
    {
        HttpStatusCode.Unauthorized =>
            (ExitCodes.AccessRefused, $"wrong credentials: {settings?.Url.ToString() ?? "the node"} refused user '{settings?.User}' (set --user/--password or ACTORBROKER_USER/ACTORBROKER_PASSWORD)"),
        HttpStatusCode.Forbidden => (ExitCodes.AccessRefused, $"user '{settings?.User}' is not allowed to do this: {e.Reason}"),
        HttpStatusCode.NotFound => (ExitCodes.NotFound, $"not found: {e.Reason}"),
        HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => (ExitCodes.Conflict, $"{e.Error.Replace('_', ' ')}: {e.Reason}"),
        HttpStatusCode.BadRequest => (ExitCodes.Usage, $"the node refused the request: {e.Reason}"),
        HttpStatusCode.ServiceUnavailable => (ExitCodes.Failure, $"the node is not ready: {e.Reason}"),
        _ => (ExitCodes.Failure, $"{e.Request} failed with {(int)e.StatusCode} {e.Error}: {e.Reason}"),
    };
}
