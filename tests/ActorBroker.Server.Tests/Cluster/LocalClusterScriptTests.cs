using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;
using ActorBroker.Testing.Net;

namespace ActorBroker.Server.Tests.Cluster;

/// <summary><c>scripts/local-cluster.sh</c> as its users run it: up starts ready nodes that form one cluster, down removes everything.</summary>
public sealed partial class LocalClusterScriptTests : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);
    private readonly string _state = Path.Combine(Path.GetTempPath(), "actorbroker-local-cluster-" + Guid.NewGuid().ToString("N"));
    private const int Nodes = 2;
    private readonly PortReservation[] _amqp = ReserveNodePorts();
    private readonly PortReservation[] _management = ReserveNodePorts();
    private readonly PortReservation[] _akka = ReserveNodePorts();
    private readonly PortReservation _postgres = PortReservation.Take();

    [Fact]
    public async Task Up_prints_a_line_per_ready_node_of_one_cluster_and_down_stops_them_all()
    {
        var up = await RunAsync("up", Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var lines = up.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Nodes, lines.Length);
        var nodes = lines.Select(line => NodeLine().Match(line)).ToList();
        Assert.All(nodes, node => Assert.True(node.Success, $"not a node line: {node.Value}"));
        Assert.Equal(_amqp.Select(p => p.Port), nodes.Select(n => int.Parse(n.Groups["amqp"].Value, System.Globalization.CultureInfo.InvariantCulture)));
        using var api = new HttpClient
        {
            BaseAddress = new Uri(nodes[1].Groups["management"].Value),
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("guest:guest"u8.ToArray())) },
        };
        await Eventually.HoldsAsync(async () => (await api.GetAsync<List<NodeResource>>("/api/nodes")).Count(n => n.Running) == Nodes,
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
        start.Environment["ACTORBROKER_CLUSTER_AMQP_PORT"] = _amqp[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_CLUSTER_MANAGEMENT_PORT"] = _management[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_CLUSTER_AKKA_PORT"] = _akka[0].Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_CLUSTER_PG_PORT"] = _postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ACTORBROKER_SERVER_DLL"] = Path.Combine(AppContext.BaseDirectory, "ActorBroker.Server.dll");
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(s_timeout);
        await script.WaitForExitAsync(cancel.Token);
        Assert.True(script.ExitCode == 0, $"local-cluster.sh {string.Join(' ', args)} exited {script.ExitCode}: {await errors}");
        return await output;
    }

    /// <summary>
    /// The ports the script gives the nodes for one listener (base, base + 10, …), held until the test ends so that no
    /// other test or process takes one before the node binds it (the script checks them as a server binds, with
    /// SO_REUSEADDR, which a <see cref="PortReservation"/> lets through).
    /// </summary>
    private static PortReservation[] ReserveNodePorts()
    {
        while (true)
        {
            var first = PortReservation.Take();
            var others = Enumerable.Range(1, Nodes - 1).Select(i => PortReservation.TryTake(first.Port + (10 * i))).ToList();
            if (others.All(port => port is not null))
            {
                return [first, .. others!];
            }

            // One of the ports 10 apart is in use: try from another base.
            first.Dispose();
            others.ForEach(port => port?.Dispose());
        }
    }

    [GeneratedRegex(@"^node node\d@localhost amqp 127\.0\.0\.1:(?<amqp>\d+) management (?<management>http://127\.0\.0\.1:\d+) pid (?<pid>\d+)$")]
    private static partial Regex NodeLine();

    public Task InitializeAsync() => Task.CompletedTask;

    // If the test failed before down: leave no node or database running.
    public async Task DisposeAsync()
    {
        await RunAsync("down");
        foreach (var port in _amqp.Concat(_management).Concat(_akka).Append(_postgres))
        {
            port.Dispose();
        }
    }
}
