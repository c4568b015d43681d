using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker exchanges list|declare|delete</c>.</summary>
internal static class ExchangesCommand
{
    private static readonly string[] s_types = ["direct", "fanout", "topic", "headers", "x-super-stream", "x-delayed-message", "x-message-deduplication"];

    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("exchanges", "List, declare and delete exchanges") { List(options), Declare(options), Delete(options) };
        options.AddTo(command);
        return command;
    }

    private static Argument<string> ExchangeArgument() => new("EXCHANGE") { Description = "The exchange's name" };

    private static Command List(ManagementOptions options)
    {
        var allVhosts = new Option<bool>("--all-vhosts") { Description = "List the exchanges of every vhost, not just --vhost" };
        var command = new Command("list", "List exchanges") { allVhosts };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var all = parseResult.GetValue(allVhosts);
            var exchanges = await context.Client.ListExchangesAsync(all ? null : context.Vhost, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(exchanges);
                return ExitCodes.Success;
            }
            var table = new TableView<ExchangeResource>();
            if (all)
                table.Column("Vhost", e => e.Vhost);
            table.Column("Name", e => e.Name.Length == 0 ? "(default)" : e.Name)
                .Column("Type", e => e.Type)
                .Column("Durable", e => Cells.YesNo(e.Durable))
                .Column("Auto-delete", e => Cells.YesNo(e.AutoDelete))
                .Column("Internal", e => Cells.YesNo(e.Internal))
                .Column("Arguments", e => Cells.Json(e.Arguments))
                .Write(context.Output.Console, exchanges, "No exchanges.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Declare(ManagementOptions options)
    {
        var exchange = ExchangeArgument();
        var type = new Option<string>("--type", "-t") { Description = "direct, fanout, topic, headers or x-super-stream (with --arg x-partitions=N)", DefaultValueFactory = _ => "direct" };
        type.AcceptOnlyFromAmong(s_types);
        var durable = new Option<bool>("--durable") { Description = "Whether the exchange survives a restart (--durable false for a transient one)", DefaultValueFactory = _ => true };
        var autoDelete = new Option<bool>("--auto-delete") { Description = "Delete the exchange when its last binding goes" };
        var @internal = new Option<bool>("--internal") { Description = "Clients may not publish to it, only other exchanges" };
        var arguments = ArgumentsOption.Create("--arg", "An exchange argument such as alternate-exchange=unrouted");
        var command = new Command("declare", "Declare an exchange; declaring an equivalent one again does nothing, a different one fails with exit code 6")
        {
            exchange, type, durable, autoDelete, @internal, arguments,
        };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(exchange)!;
            var request = new ExchangeDeclareRequest(parseResult.GetValue(type)!, parseResult.GetValue(durable), parseResult.GetValue(autoDelete), parseResult.GetValue(@internal), parseResult.GetValue(arguments));
            var outcome = await context.Client.DeclareExchangeAsync(context.Vhost, name, request, cancellationToken).ConfigureAwait(false);
            context.Output.Say(outcome == DeclareOutcome.Created
                ? $"Declared {request.Type} exchange '{name}' in vhost '{context.Vhost}'."
                : $"Exchange '{name}' already exists in vhost '{context.Vhost}' as declared.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(ManagementOptions options)
    {
        var exchange = ExchangeArgument();
        var ifUnused = new Option<bool>("--if-unused") { Description = "Only if the exchange has no bindings (else exit code 6)" };
        var command = new Command("delete", "Delete an exchange and its bindings (a super stream with its partition streams)") { exchange, ifUnused };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(exchange)!;
            await context.Client.DeleteExchangeAsync(context.Vhost, name, parseResult.GetValue(ifUnused), cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Deleted exchange '{name}' from vhost '{context.Vhost}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
