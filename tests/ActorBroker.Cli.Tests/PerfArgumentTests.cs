using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public sealed class PerfArgumentTests
{
    private static System.CommandLine.ParseResult Parse(params string[] args) =>
        CliApplication.CreateRootCommand().Parse(["perf", .. args]);

    private static T Value<T>(System.CommandLine.ParseResult result, string option) =>
        result.GetValue<T>(option)!;

    [Fact]
    public void Defaults_measure_local_guest_for_ten_seconds_with_128_byte_messages()
    {
        var result = Parse();
        Assert.Empty(result.Errors);
        Assert.Equal([new Uri("amqp://guest:guest@127.0.0.1:5672/")], Value<Uri[]>(result, "--url"));
        Assert.Equal(ClientPlacement.Owner, Value<ClientPlacement>(result, "--placement"));
        Assert.Equal(TimeSpan.FromSeconds(10), Value<TimeSpan>(result, "--duration"));
        Assert.Equal(128, Value<int>(result, "--size"));
        Assert.Equal("all", Value<string>(result, "--workload"));
        Assert.Equal(PerfOutput.Table, Value<PerfOutput>(result, "--output"));
    }

    [Fact]
    public void Compare_url_may_be_given_several_times()
    {
        var result = Parse("--url", "amqp://a:b@host1/", "--compare-url", "amqp://host2:5673/", "--compare-url", "amqps://host3/vh");
        Assert.Empty(result.Errors);
        Assert.Equal(["amqp://host2:5673/", "amqps://host3/vh"], Value<Uri[]>(result, "--compare-url").Select(u => u.ToString()));
    }

    [Fact]
    public void Url_given_once_per_node_names_a_cluster_whose_node_processes_may_be_watched()
    {
        var pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = Parse("--url", "amqp://host1:5672/", "--url", "amqp://host2:5682/", "--placement", "remote", "--node-pids", $"{pid},{pid}", "--database-pid", pid);
        Assert.Empty(result.Errors);
        Assert.Equal(["amqp://host1:5672/", "amqp://host2:5682/"], Value<Uri[]>(result, "--url").Select(u => u.ToString()));
        Assert.Equal(ClientPlacement.Remote, Value<ClientPlacement>(result, "--placement"));
        Assert.Equal([Environment.ProcessId, Environment.ProcessId], Value<int[]>(result, "--node-pids"));
        Assert.Equal(Environment.ProcessId, result.GetValue<int?>("--database-pid"));
    }

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5", 1_500)]
    public void Durations_take_a_unit_and_bare_numbers_are_seconds(string text, int milliseconds)
    {
        var result = Parse("--duration", text, "--output", "json");
        Assert.Empty(result.Errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Value<TimeSpan>(result, "--duration"));
        Assert.Equal(PerfOutput.Json, Value<PerfOutput>(result, "--output"));
    }

    [Theory]
    [InlineData("--duration", "soon", "not a duration: 'soon'")]
    [InlineData("--duration", "0s", "not a duration: '0s'")]
    [InlineData("--size", "8", "--size must be between 16")]
    [InlineData("--url", "http://localhost/", "not an AMQP broker URL: 'http://localhost/'")]
    [InlineData("--compare-url", "nowhere", "not an AMQP broker URL: 'nowhere'")]
    [InlineData("--workload", "bursty", "bursty")]
    [InlineData("--node-pids", "12,x", "not a process id: 'x'")]
    [InlineData("--node-pids", "2147483647", "no process 2147483647 on this machine")]
    [InlineData("--placement", "remote", "--placement remote needs the nodes of a cluster")]
    [InlineData("--database-pid", "1", "--database-pid needs --node-pids")]
    public void Bad_values_are_parse_errors_that_name_the_problem(string option, string value, string message)
    {
        var result = Parse(option, value);
        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_bad_process_id_beside_other_options_is_an_error_not_a_crash()
    {
        var result = Parse("--node-pids", "2147483647", "--database-pid", "2147483646", "--url", "amqp://a/", "--url", "nowhere", "--placement", "remote");
        Assert.Contains(result.Errors, e => e.Message.Contains("no process 2147483647", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("no process 2147483646", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("not an AMQP broker URL: 'nowhere'", StringComparison.Ordinal));
    }

    [Fact]
    public void Over_three_nodes_queue_i_lives_on_node_i_mod_3_with_its_clients_there_or_on_the_next_node()
    {
        Assert.Equal([0, 1, 2, 0], Enumerable.Range(0, 4).Select(new NodeLayout(3, ClientPlacement.Owner).ClientsOf));
        var remote = new NodeLayout(3, ClientPlacement.Remote);
        Assert.Equal([0, 1, 2, 0], Enumerable.Range(0, 4).Select(remote.OwnerOf));
        Assert.Equal([1, 2, 0, 1], Enumerable.Range(0, 4).Select(remote.ClientsOf));
    }

    [Fact]
    public void Every_workload_can_be_selected_by_name_and_all_selects_those_that_need_no_preparation_in_order()
    {
        foreach (var workload in WorkloadCatalog.Workloads)
            Assert.Same(workload, Assert.Single(WorkloadCatalog.Select(workload.Name)));
        Assert.Equal(
            ["transient", "durable", "durable-dedup", "durable-tx", "durable-64", "stream", "stream-4-readers", "superstream", "stream-replay", "fanout", "competing", "roundtrip", "roundtrip-durable", "basic-get"],
            WorkloadCatalog.Select("all").Select(w => w.Name));
        Assert.False(Assert.Single(WorkloadCatalog.Select("durable-schema")).InAll);
        Assert.Equal((30, true), (WorkloadCatalog.Select("durable-30")[0].Queues, WorkloadCatalog.Select("durable-30")[0].Durable));
        Assert.Equal((30, false), (WorkloadCatalog.Select("transient-30")[0].Queues, WorkloadCatalog.Select("transient-30")[0].Durable));
    }
}
