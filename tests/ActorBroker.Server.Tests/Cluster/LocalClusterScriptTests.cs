using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary><c>scripts/local-cluster.sh</c> as its users run it: up starts ready nodes that form one cluster, down removes everything.</summary>
public sealed partial class LocalClusterScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _state = Path.Combine(Path.GetTempPath(), "actorbroker-local-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly int _amqpBase = FreePortBase();
    private readonly int _managementBase = FreePortBase();
    private readonly int _akkaBase = FreePortBase();

    [Fact]
    public async Task Up_prints_a_line_per_ready_node_of_one_cluster_and_down_stops_them_all()
    {
        var up = await RunAsync("up", "2");

        var lines = up.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var nodes = lines.Select(line => NodeLine().Match(line)).ToList();
        Assert.All(nodes, node => Assert.True(node.Success, $"not a node line: {node.Value}"));
        Assert.Equal([_amqpBase, _amqpBase + 10], nodes.Select(n => int.Parse(n.Groups["amqp"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        using var api = new HttpClient
        {
            BaseAddress = new Uri(nodes[1].Groups["management"].Value),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
        };
        await Eventually.HoldsAsync(async () => (await api.GetAsync<List<NodeResource>>("/api/nodes")).Count(n => n.Running) == 2,
            "both nodes members of one cluster", s_timeout);

        await RunAsync("down");

        Assert.False(Directory.Exists(_state));
        await Assert.ThrowsAsync<HttpRequestException>(() => api.GetAsync("/api/overview"));
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "local-cluster.sh"));
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment["ACTORBROKER_CLUSTER_DIR"] = _state;
        start.Environment["ACTORBROKER_CLUSTER_AMQP_PORT"] = _amqpBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_CLUSTER_MANAGEMENT_PORT"] = _managementBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_CLUSTER_AKKA_PORT"] = _akkaBase.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_SERVER_DLL"] = Path.Combine(AppContext.BaseDirectory, "ActorBroker.Server.dll");
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(s_timeout);
        await script.WaitForExitAsync(cancel.Token);
        Assert.True(script.ExitCode == 0, $"local-cluster.sh {string.Join(' ', args)} exited {script.ExitCode}: {await errors}");
        return await output;
    }

    /// <summary>A free port whose next 20 ports are most likely free too (nodes take base, base + 10, …).</summary>
    private static int FreePortBase()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^node node\d@localhost amqp 127\.0\.0\.1:(?<amqp>\d+) management (?<management>http://127\.0\.0\.1:\d+) pid (?<pid>\d+)$")]
    private static partial Regex NodeLine();

    public Task InitializeAsync() => Task.CompletedTask;

    // If the test failed before down: leave no node or database running.
    public async Task DisposeAsync() => await RunAsync("down");
}
