using System.CommandLine;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Resources;
using Spectre.Console;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker status</c>: the node at a glance; exits 0 only when every node is ready.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("status", "Show the node: version, uptime, readiness, alarms, message totals and rates, object counts. Exits 0 only when the node is ready");
        options.AddTo(command);
        command.SetManagementAction(options, async (_, context, cancellationToken) =>
        {
            var overview = await context.Client.GetOverviewAsync(cancellationToken).ConfigureAwait(false);
            var nodes = await context.Client.ListNodesAsync(cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
                context.Output.WriteJson(new StatusReport(overview, nodes));
            else
                Write(context.Output.Console, overview, nodes);
            var notReady = nodes.Where(n => !n.Ready).Select(n => n.Name).ToList();
            if (notReady.Count == 0)
                return ExitCodes.Success;
            context.Output.Warn($"not ready (recovery still running): {string.Join(", ", notReady)}");
            return ExitCodes.Failure;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, Overview overview, IReadOnlyList<NodeResource> nodes)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string value) => grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value));
        Row("Node", overview.Node);
        Row("Version", overview.Version);
        Row("Uptime", Cells.Duration(overview.UptimeSeconds));
        Row("Akka address", overview.AkkaAddress);
        foreach (var node in nodes)
        {
            Row("Member", $"{node.Name} ({node.MemberStatus}) at {node.AkkaAddress}");
            if (!node.Running)
            {
                Row("Running", "no (did not answer)");
                continue;
            }

            Row("Ready", node.Ready ? "yes" : "no (recovery still running)");
            Row("Journal", node.Journal ?? "");
            Row("Memory", $"{Cells.Bytes(node.MemoryUsedBytes ?? 0)} of {Cells.Bytes(node.MemoryLimitBytes ?? 0)}{(node.MemoryAlarm == true ? "  ALARM" : "")}");
            Row("Disk free", $"{Cells.Bytes(node.DiskFreeBytes ?? 0)} (limit {Cells.Bytes(node.DiskFreeLimitBytes ?? 0)}){(node.DiskAlarm == true ? "  ALARM" : "")}");
        }
        var totals = overview.Totals;
        Row("Messages", $"{Cells.Number(totals.Messages)} ({Cells.Number(totals.MessagesReady)} ready, {Cells.Number(totals.MessagesUnacknowledged)} unacked)");
        var rates = overview.Rates;
        Row("Rates/s", $"publish {Cells.Rate(rates.Publish)}, deliver {Cells.Rate(rates.Deliver)}, ack {Cells.Rate(rates.Ack)}");
        var counts = overview.Counts;
        Row("Objects", $"{counts.VirtualHosts} vhosts, {counts.Queues} queues, {counts.Exchanges} exchanges, {counts.Bindings} bindings");
        Row("Clients", $"{counts.Connections} connections, {counts.Channels} channels, {counts.Consumers} consumers");
        console.Write(grid);
    }

    /// <summary>The JSON of <c>status --output json</c>: the two resources it is made of.</summary>
    private sealed record StatusReport(Overview Overview, IReadOnlyList<NodeResource> Nodes);
}
