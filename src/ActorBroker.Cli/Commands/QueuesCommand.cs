using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker queues list|declare|delete|purge|peek</c>.</summary>
internal static class QueuesCommand
{
    private const int MaxPageSize = 500;
    private const int MaxPeek = 1000;

    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("queues", "List, declare, delete, purge and peek into queues") { List(options), Declare(options), Delete(options), Purge(options), Peek(options) };
        options.AddTo(command);
        return command;
    }

    private static Argument<string> QueueArgument() => new("QUEUE") { Description = "The queue's name" };

    private static Command List(ManagementOptions options)
    {
        var name = new Option<string>("--name") { Description = "Only queues whose name contains this text" };
        var page = new Option<int>("--page") { Description = "Which page of the list, from 1", DefaultValueFactory = _ => 1 };
        var pageSize = new Option<int>("--page-size") { Description = $"Queues per page (1 to {MaxPageSize})", DefaultValueFactory = _ => 100 };
        var sort = new Option<string>("--sort") { Description = "Sort key: name, messages, messages_ready, messages_unacknowledged, consumers, publish_rate…", DefaultValueFactory = _ => "name" };
        var reverse = new Option<bool>("--reverse") { Description = "Sort in descending order" };
        var allVhosts = new Option<bool>("--all-vhosts") { Description = "List the queues of every vhost, not just --vhost" };
        page.MustBeBetween(1, int.MaxValue);
        pageSize.MustBeBetween(1, MaxPageSize);
        var command = new Command("list", "List queues with their message counts, consumers and rates (one page; see --page)") { name, page, pageSize, sort, reverse, allVhosts };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var query = new QueueListQuery(parseResult.GetValue(page), parseResult.GetValue(pageSize), parseResult.GetValue(sort)!, parseResult.GetValue(reverse), parseResult.GetValue(name));
            var all = parseResult.GetValue(allVhosts);
            var queues = await context.Client.ListQueuesAsync(all ? null : context.Vhost, query, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(queues);
                return ExitCodes.Success;
            }
            var table = new TableView<QueueResource>();
            if (all)
                table.Column("Vhost", q => q.Vhost);
            table.Column("Name", q => q.Name)
                .Column("Durable", q => Cells.YesNo(q.Durable))
                .Number("Messages", q => q.Messages)
                .Number("Ready", q => q.MessagesReady)
                .Number("Unacked", q => q.MessagesUnacknowledged)
                .Number("Consumers", q => q.Consumers)
                .Rate("Publish/s", q => q.PublishRate)
                .Rate("Deliver/s", q => q.DeliverRate)
                .Column("Dead-letter exchange", q => q.DeadLetterExchange ?? "")
                .Column("Node", q => q.Node ?? "")
                .Write(context.Output.Console, queues.Items, "No queues.");
            if (queues.PageCount > 1)
                context.Output.Say($"Page {queues.Page} of {queues.PageCount} ({queues.FilteredCount} queues match).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Declare(ManagementOptions options)
    {
        var queue = QueueArgument();
        var durable = new Option<bool>("--durable") { Description = "Whether the queue survives a restart (--durable false for a transient one)", DefaultValueFactory = _ => true };
        var autoDelete = new Option<bool>("--auto-delete") { Description = "Delete the queue when its last consumer goes" };
        var arguments = ArgumentsOption.Create("--arg", "A queue argument such as x-max-length=1000 or x-dead-letter-exchange=dlx");
        var command = new Command("declare", "Declare a queue; declaring an equivalent queue again does nothing, a different one fails with exit code 6") { queue, durable, autoDelete, arguments };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(queue)!;
            var request = new QueueDeclareRequest(parseResult.GetValue(durable), parseResult.GetValue(autoDelete), parseResult.GetValue(arguments));
            var outcome = await context.Client.DeclareQueueAsync(context.Vhost, name, request, cancellationToken).ConfigureAwait(false);
            context.Output.Say(outcome == DeclareOutcome.Created
                ? $"Declared queue '{name}' in vhost '{context.Vhost}'."
                : $"Queue '{name}' already exists in vhost '{context.Vhost}' as declared.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(ManagementOptions options)
    {
        var queue = QueueArgument();
        var ifUnused = new Option<bool>("--if-unused") { Description = "Only if the queue has no consumers (else exit code 6)" };
        var ifEmpty = new Option<bool>("--if-empty") { Description = "Only if the queue holds no messages (else exit code 6)" };
        var command = new Command("delete", "Delete a queue and the messages in it") { queue, ifUnused, ifEmpty };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(queue)!;
            var removed = await context.Client.DeleteQueueAsync(context.Vhost, name, parseResult.GetValue(ifUnused), parseResult.GetValue(ifEmpty), cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
                context.Output.WriteJson(removed);
            context.Output.Say($"Deleted queue '{name}' from vhost '{context.Vhost}' ({Cells.Number(removed.Messages)} messages removed).");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Purge(ManagementOptions options)
    {
        var queue = QueueArgument();
        var command = new Command("purge", "Remove every ready message from a queue") { queue };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(queue)!;
            var removed = await context.Client.PurgeQueueAsync(context.Vhost, name, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
                context.Output.WriteJson(removed);
            context.Output.Say($"Purged {Cells.Number(removed.Messages)} messages from queue '{name}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Peek(ManagementOptions options)
    {
        var queue = QueueArgument();
        var count = new Option<int>("--count", "-n") { Description = $"How many messages from the head of the queue (1 to {MaxPeek})", DefaultValueFactory = _ => 10 };
        count.MustBeBetween(1, MaxPeek);
        var command = new Command("peek", "Show the first messages of a queue without taking them") { queue, count };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(queue)!;
            var peeked = await context.Client.PeekAsync(context.Vhost, name, parseResult.GetValue(count), cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
                context.Output.WriteJson(peeked);
            else
                MessageTable.Write(context.Output.Console, peeked.Messages, $"Queue '{name}' has no ready messages.");
            return ExitCodes.Success;
        });
        return command;
    }
}
