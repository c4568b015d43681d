using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using ActorBroker.Cli.Commands;

namespace ActorBroker.Cli;

/// <summary>The <c>actorbroker</c> command tree; each command group lives in its own file under <c>Commands/</c>.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("actorbroker: command-line tool for the ActorBroker message broker.\n" + ExitCodes.HelpText);
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(QueuesCommand.Create());
        root.Subcommands.Add(ExchangesCommand.Create());
        root.Subcommands.Add(StreamsCommand.Create());
        root.Subcommands.Add(BindingsCommand.Create());
        root.Subcommands.Add(PublishCommand.Create());
        root.Subcommands.Add(GetCommand.Create());
        root.Subcommands.Add(ConsumeCommand.Create());
        root.Subcommands.Add(DlqCommand.Create());
        root.Subcommands.Add(DefinitionsCommand.Create());
        root.Subcommands.Add(ConnectionsCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(PermissionsCommand.Create());
        root.Subcommands.Add(SchemasCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(PerfCommand.Create());
        return root;
    }

    /// <summary>Parses and runs a command line; a bad one prints its errors (not the whole help) and exits with <see cref="ExitCodes.Usage"/>.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parseResult = CreateRootCommand().Parse(args);
        if (parseResult.Action is ParseErrorAction parseError)
        {
            parseError.ShowHelp = false;
            await parseResult.InvokeAsync().ConfigureAwait(false);
            await parseResult.InvocationConfiguration.Error.WriteLineAsync($"Run '{PathOf(parseResult.CommandResult)} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        return await parseResult.InvokeAsync().ConfigureAwait(false);
    }

    private static string PathOf(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
            names.Insert(0, c.Command.Name);
        return string.Join(' ', names);
    }
}
