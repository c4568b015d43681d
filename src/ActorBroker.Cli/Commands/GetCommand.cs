using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker get QUEUE</c>: takes messages through the management API, acknowledging or requeueing them.</summary>
internal static class GetCommand
{
    private const int MaxCount = 1000;

    public static Command Create()
    {
        var options = new ManagementOptions();
        var queue = new Argument<string>("QUEUE") { Description = "The queue to take messages from" };
        var count = new Option<int>("--count", "-n") { Description = $"How many messages at most (1 to {MaxCount})", DefaultValueFactory = _ => 1 }.MustBeBetween(1, MaxCount);
        var ackMode = new Option<string>("--ack-mode") { Description = "ack: remove the messages; requeue: put them back, flagged redelivered", DefaultValueFactory = _ => "requeue" };
        ackMode.AcceptOnlyFromAmong("ack", "requeue");
        var command = new Command("get", "Take messages from a queue (by default they are put back; --ack-mode ack removes them)") { queue, count, ackMode };
        options.AddTo(command);
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var name = parseResult.GetValue(queue)!;
            var mode = parseResult.GetValue(ackMode)!;
            var result = await context.Client.GetMessagesAsync(context.Vhost, name, new GetRequest(parseResult.GetValue(count), mode), cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(result);
                return ExitCodes.Success;
            }
            MessageTable.Write(context.Output.Console, result.Messages, $"Queue '{name}' has no ready messages.");
            var fate = mode == "ack" ? "removed" : "requeued";
            context.Output.Say($"{result.Messages.Count} messages {fate}; {Cells.Number(result.MessagesLeft)} ready in '{name}'.");
            return ExitCodes.Success;
        });
        return command;
    }
}
