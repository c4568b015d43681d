using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker dlq redrive QUEUE</c>: moves dead-lettered messages back, in batches, with a progress bar.</summary>
internal static class DlqCommand
{
    private const int MinBatch = 50;
    private const int MaxBatch = 1000;

    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("dlq", "Work with dead-letter queues") { Redrive(options) };
        options.AddTo(command);
        return command;
    }

    private static Command Redrive(ManagementOptions options)
    {
        var queue = new Argument<string>("QUEUE") { Description = "The dead-letter queue" };
        var count = new Option<int?>("--count", "-n") { Description = "How many messages at most (default: all ready ones)" }.MustBePositive();
        var target = new Option<string>("--to") { Description = "Move them to this queue instead of the queue each message died in" };
        var command = new Command("redrive", "Move dead-lettered messages back to the queues they died in (or to --to QUEUE)") { queue, count, target };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(queue)!;
            var to = parseResult.GetValue(target);
            var ready = (await context.Client.GetQueueAsync(context.Vhost, name, cancellationToken).ConfigureAwait(false)).MessagesReady;
            var total = Math.Min(ready, parseResult.GetValue(count) ?? long.MaxValue);
            var destination = to is null ? "the queues they died in" : $"queue '{to}'";
            var moved = await ProgressDisplay.RunAsync(
                context.Output,
                $"Redriving {Cells.Number(total)} messages from '{name}'",
                total,
                report => MoveAsync(context, name, to, total, report, cancellationToken)).ConfigureAwait(false);
            if (context.Output.IsJson)
                context.Output.WriteJson(new RedriveResult(moved));
            context.Output.Say($"Moved {Cells.Number(moved)} messages from '{name}' to {destination}.");
            return ExitCodes.Success;
        });
        return command;
    }

    // Batches give the progress bar something to show, and the bound taken up front keeps a message that dies
    // again on its way back from being moved round and round.
    private static async Task<long> MoveAsync(ManagementContext context, string queue, string? target, long total, Action<double> report, CancellationToken cancellationToken)
    {
        var batch = (int)Math.Clamp(total / 20, MinBatch, MaxBatch);
        long moved = 0;
        while (moved < total)
        {
            var request = new RedriveRequest((int)Math.Min(batch, total - moved), target);
            var result = await context.Client.RedriveAsync(context.Vhost, queue, request, cancellationToken).ConfigureAwait(false);
            if (result.Moved == 0)
                break;
            moved += result.Moved;
            report(moved);
        }
        return moved;
    }
}
