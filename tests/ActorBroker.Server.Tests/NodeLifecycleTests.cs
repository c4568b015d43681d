namespace ActorBroker.Server.Tests;

public sealed class NodeLifecycleTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-node-");

    [Fact]
    public async Task Node_starts_from_the_default_config_and_stops_gracefully_on_SIGTERM()
    {
        await using var node = NodeProcess.Start(_workDir.FullName);

        var started = await node.WaitForLineAsync("started: actor system up", s_timeout);
        Assert.True(Directory.Exists(Path.Combine(_workDir.FullName, "data")), "the node creates its data directory");
        var journal = Path.Combine(_workDir.FullName, "data", "journal.db");
        Assert.Contains($"sqlite journal {journal}", started, StringComparison.Ordinal);
        Assert.True(File.Exists(journal), "the node opens its SQLite journal in the data directory");

        node.SendSigterm();
        await node.WaitForLineAsync("stopped: broker actors stopped, journal flushed", s_timeout);
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task Node_started_with_a_config_file_uses_its_settings()
    {
        var config = Path.Combine(_workDir.FullName, "node.conf");
        await File.WriteAllTextAsync(config, """
            include "broker.conf"
            actorbroker.node.name = "test-node-7"
            actorbroker.data-directory = "state"
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(_workDir.FullName, "broker.conf"));
        await using var node = NodeProcess.Start(_workDir.FullName, "--config", config);

        var started = await node.WaitForLineAsync("started: actor system up", s_timeout);

        Assert.Contains("test-node-7", started, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_workDir.FullName, "state")));
        node.SendSigterm();
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task Node_whose_PostgreSQL_journal_is_unreachable_exits_1_naming_the_journal()
    {
        var config = Path.Combine(_workDir.FullName, "pg.conf");
        await File.WriteAllTextAsync(config, """
            include "broker.conf"
            actorbroker.journal.plugin = postgresql
            actorbroker.journal.postgresql.connection-string = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=3"
            """);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf"), Path.Combine(_workDir.FullName, "broker.conf"));
        await using var node = NodeProcess.Start(_workDir.FullName, "--config", config);

        var error = await node.WaitForLineAsync("cannot start", s_timeout);

        Assert.Contains("postgresql journal", error, StringComparison.Ordinal);
        Assert.Equal(1, await node.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task Node_with_a_malformed_config_exits_1_naming_file_line_and_column()
    {
        var config = Path.Combine(_workDir.FullName, "bad.conf");
        await File.WriteAllTextAsync(config, "actorbroker {\n  node.name = ]\n}\n");
        await using var node = NodeProcess.Start(_workDir.FullName, "--config", config);

        var error = await node.WaitForLineAsync("cannot start", s_timeout);

        Assert.Contains("bad.conf:2:", error, StringComparison.Ordinal);
        Assert.Equal(1, await node.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task Node_with_a_missing_config_file_exits_1_with_a_clear_error()
    {
        await using var node = NodeProcess.Start(_workDir.FullName, "--config", "nowhere.conf");

        var error = await node.WaitForLineAsync("cannot start", s_timeout);

        Assert.Contains("not found", error, StringComparison.Ordinal);
        Assert.Equal(1, await node.WaitForExitAsync(s_timeout));
    }

    [Theory]
    [InlineData("ACTORBROKER__akka__remote__dot_netty__tcp__port", "akka.remote.dot-netty.tcp")]
    [InlineData("ACTORBROKER__actorbroker__amqp__port", "actorbroker.amqp")]
    [InlineData("ACTORBROKER__actorbroker__management__port", "actorbroker.management")]
    public async Task Node_whose_port_is_taken_exits_1_naming_the_address_and_the_setting(string variable, string setting)
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var node = NodeProcess.Start(_workDir.FullName, new Dictionary<string, string> { [variable] = port });

        var error = await node.WaitForLineAsync("cannot start", s_timeout);

        Assert.Contains($"cannot listen on 127.0.0.1:{port} ({setting})", error, StringComparison.Ordinal);
        Assert.Equal(1, await node.WaitForExitAsync(s_timeout));
    }

    public void Dispose() => _workDir.Delete(recursive: true);
}
