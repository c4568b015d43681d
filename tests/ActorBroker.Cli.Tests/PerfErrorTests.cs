using ActorBroker.Cli.Tests.Fakes;

namespace ActorBroker.Cli.Tests;

public sealed class PerfErrorTests
{
    [Fact]
    public async Task Perf_against_a_closed_port_exits_3_with_one_line_naming_the_broker()
    {
        var port = ClosedPort.Get();
        var result = await CliRunner.RunAsync("perf", "--url", $"amqp://guest:secret@127.0.0.1:{port}/", "--duration", "1s", "--workload", "transient");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Stdout);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"actorbroker perf: broker not reachable at amqp://guest@127.0.0.1:{port}/", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_argument_is_a_usage_error_and_never_touches_the_network()
    {
        var result = await CliRunner.RunAsync("perf", "--size", "4");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--size must be between 16", result.Stderr, StringComparison.Ordinal);
    }
}
