using System.Text.RegularExpressions;
using ActorBroker.Management.Client;
using ActorBroker.Server.Tests;

namespace ActorBroker.Cli.Tests.Live;

/// <summary>
/// A real node started once per test class as a child process, with its management API and AMQP listener on
/// free ports and a fresh data directory; its default user is guest/guest.
/// </summary>
[CollectionDefinition(Name)]
public sealed partial class LiveNode : IAsyncLifetime, ICollectionFixture<LiveNode>
{
    /// <summary>The collection whose test classes share one node (and so run one after the other).</summary>
    public const string Name = "live node";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-cli-node-");
    private NodeProcess? _process;

    public Uri ManagementUrl { get; private set; } = null!;

    public Uri AmqpUrl { get; private set; } = null!;

    /// <summary>The node's process id.</summary>
    public int Pid => _process!.Pid;

    public async Task InitializeAsync()
    {
        _process = NodeProcess.Start(_workDir.FullName);
        ManagementUrl = await _process.WaitForManagementAsync(s_startTimeout);
        // The AMQP listener opens after recovery, so this line also says the node is ready.
        var amqp = await _process.WaitForLineAsync("AMQP 0-9-1 listener on", s_startTimeout);
        AmqpUrl = new Uri($"amqp://guest:guest@127.0.0.1:{AmqpPort().Match(amqp).Groups[1].Value}/");
        Client = new ManagementClient(ManagementUrl, "guest", "guest");
    }

    /// <summary>A client for arranging and checking state without paying for a CLI process each time.</summary>
    internal ManagementClient Client { get; private set; } = null!;

    /// <summary>Runs the real executable against this node.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--url", ManagementUrl.ToString()]);

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is not null)
            await _process.DisposeAsync();
        _workDir.Delete(recursive: true);
    }

    [GeneratedRegex(@"listener on \S*:(\d+)")]
    private static partial Regex AmqpPort();
}
