using System.Globalization;
using System.Text.Json;

namespace ActorBroker.Cli.Tests.Live;

[Collection(LiveNode.Name)]
public sealed class LiveNodePerfTests(LiveNode node)
{
    [Fact]
    public async Task A_run_over_several_urls_with_remote_clients_delivers_every_message_and_reports_the_nodes_cpu_per_message()
    {
        // One node named twice stands for two: queue i is declared through URL i mod 2 and its clients use the other.
        var url = node.AmqpUrl.ToString();
        var pid = node.Pid.ToString(CultureInfo.InvariantCulture);

        var result = await CliRunner.RunAsync("perf", "--url", url, "--url", url, "--placement", "remote", "--node-pids", pid,
            "--workload", "transient-30", "--duration", "1s", "--output", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var run = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("results")[0];
        Assert.EndsWith("x2 remote", run.GetProperty("broker").GetString(), StringComparison.Ordinal);
        var sent = run.GetProperty("sent").GetInt64();
        Assert.True(sent > 0, result.Stdout);
        Assert.Equal((sent, 0L, 0L), (run.GetProperty("delivered").GetInt64(), run.GetProperty("lost").GetInt64(), run.GetProperty("duplicated").GetInt64()));
        Assert.True(run.GetProperty("nodeCpuMicrosPerMessage").GetDouble() > 0, result.Stdout);
        Assert.True(run.GetProperty("clientCpuMicrosPerMessage").GetDouble() > 0, result.Stdout);
    }
}
