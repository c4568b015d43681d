using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker connections list|close</c>.</summary>
internal static class ConnectionsCommand
{
    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("connections", "List and close client connections") { List(options), Close(options) };
        options.AddTo(command);
        return command;
    }

    private static Command List(ManagementOptions options)
    {
        var command = new Command("list", "List client connections (of every vhost, on every node of the cluster)");
        command.SetManagementAction(options, async (_, context, cancellationToken) =>
        {
            var connections = await context.Client.ListConnectionsAsync(cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(connections);
                return ExitCodes.Success;
            }
            new TableView<ConnectionResource>()
                .Column("Name", c => c.Name)
                .Column("Node", c => c.Node ?? "")
                .Column("Client", c => c.ClientProvidedName ?? "")
                .Column("User", c => c.User)
                .Column("Vhost", c => c.Vhost)
                .Number("Channels", c => c.Channels)
                .Column("Connected at", c => c.ConnectedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture))
                .Column("State", c => c.State)
                .Write(context.Output.Console, connections, "No connections.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Close(ManagementOptions options)
    {
        var name = new Argument<string>("CONNECTION") { Description = "The connection's name as 'connections list' shows it" };
        var reason = new Option<string>("--reason") { Description = "What the client is told", DefaultValueFactory = _ => "closed by an administrator" };
        var command = new Command("close", "Close a client connection (the client gets 320 CONNECTION_FORCED with the reason)") { name, reason };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var connection = parseResult.GetValue(name)!;
            await context.Client.CloseConnectionAsync(connection, parseResult.GetValue(reason), cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Closed connection '{connection}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
