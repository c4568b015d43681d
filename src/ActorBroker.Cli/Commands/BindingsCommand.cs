using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker bindings list|add|remove</c>.</summary>
internal static class BindingsCommand
{
    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("bindings", "List, add and remove bindings from exchanges to queues or exchanges") { List(options), Change(options, add: true), Change(options, add: false) };
        options.AddTo(command);
        return command;
    }

    private static Command List(ManagementOptions options)
    {
        var queue = new Option<string>("--queue") { Description = "Only the bindings to this queue" };
        var allVhosts = new Option<bool>("--all-vhosts") { Description = "List the bindings of every vhost, not just --vhost" };
        var command = new Command("list", "List bindings") { queue, allVhosts };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var all = parseResult.GetValue(allVhosts);
            var bindings = parseResult.GetValue(queue) is { } name
                ? await context.Client.ListQueueBindingsAsync(context.Vhost, name, cancellationToken).ConfigureAwait(false)
                : await context.Client.ListBindingsAsync(all ? null : context.Vhost, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(bindings);
                return ExitCodes.Success;
            }
            var table = new TableView<BindingResource>();
            if (all)
                table.Column("Vhost", b => b.Vhost);
            table.Column("Source", b => b.Source.Length == 0 ? "(default)" : b.Source)
                .Column("Destination", b => b.Destination)
                .Column("Type", b => b.DestinationType)
                .Column("Routing key", b => b.RoutingKey)
                .Column("Arguments", b => Cells.Json(b.Arguments))
                .Write(context.Output.Console, bindings, "No bindings.");
            return ExitCodes.Success;
        });
        return command;
    }

    // add and remove take the same arguments: the binding is identified by all of them.
    private static Command Change(ManagementOptions options, bool add)
    {
        var source = new Argument<string>("SOURCE") { Description = "The exchange the binding routes from" };
        var destination = new Argument<string>("DESTINATION") { Description = "The queue (or, with --to-exchange, the exchange) it routes to" };
        var routingKey = new Option<string>("--routing-key", "-k") { Description = "The binding key", DefaultValueFactory = _ => "" };
        var toExchange = new Option<bool>("--to-exchange") { Description = "DESTINATION is an exchange, not a queue" };
        var arguments = ArgumentsOption.Create("--arg", "A binding argument, e.g. for a headers exchange x-match=all");
        var command = add
            ? new Command("add", "Bind a queue (or an exchange) to an exchange") { source, destination, routingKey, toExchange, arguments }
            : new Command("remove", "Remove the binding with exactly this source, destination, routing key and arguments") { source, destination, routingKey, toExchange, arguments };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var from = parseResult.GetValue(source)!;
            var to = parseResult.GetValue(destination)!;
            var type = parseResult.GetValue(toExchange) ? BindingDestinationType.Exchange : BindingDestinationType.Queue;
            var request = new BindingRequest(parseResult.GetValue(routingKey)!, parseResult.GetValue(arguments));
            if (add)
                await context.Client.AddBindingAsync(context.Vhost, from, type, to, request, cancellationToken).ConfigureAwait(false);
            else
                await context.Client.RemoveBindingAsync(context.Vhost, from, type, to, request, cancellationToken).ConfigureAwait(false);
            var described = $"{(from.Length == 0 ? "the default exchange" : $"exchange '{from}'")} to {type.ToString().ToLowerInvariant()} '{to}' with routing key '{request.RoutingKey}'";
            context.Output.Say(add ? $"Bound {described}." : $"Removed the binding from {described}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
