using System.CommandLine;
using ActorBroker.Cli.Commands;

namespace ActorBroker.Cli;

/// <summary>The <c>actorbroker</c> command tree; each command lives in its own file under <c>Commands/</c>.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("actorbroker: command-line tool for the ActorBroker message broker");
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(PerfCommand.Create());
        return root;
    }
}
