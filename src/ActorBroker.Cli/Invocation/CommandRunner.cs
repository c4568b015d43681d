using System.CommandLine;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Client;

namespace ActorBroker.Cli.Invocation;

/// <summary>What a management command's action gets: the client, the vhost and where to write.</summary>
internal sealed record ManagementContext(ManagementClient Client, string Vhost, CliOutput Output);

/// <summary>Runs command actions so that every failure ends as an exit code and one line on stderr.</summary>
internal static class CommandRunner
{
    /// <summary>Sets the action of a management command: it gets a client for the node the options name.</summary>
    public static void SetManagementAction(
        this Command command, ManagementOptions options, Func<ParseResult, ManagementContext, CancellationToken, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = OutputFor(parseResult, options.Output);
            ManagementSettings? settings = null;
            return RunAsync(output, () => settings, async () =>
            {
                settings = options.Read(parseResult);
                using var client = new ManagementClient(settings.Url, settings.User, settings.Password);
                return await action(parseResult, new ManagementContext(client, settings.Vhost, output), cancellationToken).ConfigureAwait(false);
            });
        });

    public static CliOutput OutputFor(ParseResult parseResult, Option<OutputFormat> option) =>
        new(parseResult.GetValue(option), parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);

    /// <summary>Runs <paramref name="body"/>; anything it throws becomes an exit code and one line on stderr.</summary>
    public static async Task<int> RunAsync(CliOutput output, Func<ManagementSettings?> settings, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The command line's last line of defence: every failure becomes a message, never a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var (exitCode, message) = ErrorReport.Describe(e, settings());
            await output.Error.WriteLineAsync("actorbroker: " + message.ReplaceLineEndings(" ")).ConfigureAwait(false);
            return exitCode;
        }
    }
}
