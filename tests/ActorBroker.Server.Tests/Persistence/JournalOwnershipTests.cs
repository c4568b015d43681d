using ActorBroker.Server.Tests.Management;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Server.Tests.Persistence;

/// <summary>A second node over a journal another node runs on refuses to start, naming the journal, and harms nothing.</summary>
public sealed class JournalOwnershipTests(PostgresServer postgres) : IClassFixture<PostgresServer>, IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-owner-");

    [Fact]
    public async Task A_second_node_in_the_same_data_directory_exits_1_and_the_first_keeps_running()
    {
        await using var first = NodeProcess.Start(_workDir.FullName);
        await first.WaitForAmqpPortAsync(s_timeout);

        await using var second = NodeProcess.Start(_workDir.FullName);

        var refused = await second.WaitForLineAsync("cannot start", s_timeout);
        Assert.Contains($"sqlite journal {Path.Combine(_workDir.FullName, "data", "journal.db")} is in use by another broker node", refused, StringComparison.Ordinal);
        Assert.Equal(1, await second.WaitForExitAsync(s_timeout));
        first.SendSigterm();
        await first.WaitForLineAsync("stopped: broker actors stopped, journal flushed", s_timeout);
        Assert.Equal(0, await first.WaitForExitAsync(s_timeout));
    }

    [Fact]
    public async Task A_second_node_on_the_same_PostgreSQL_database_exits_1_and_a_node_after_a_kill_starts()
    {
        var environment = new Dictionary<string, string>
        {
            ["ACTORBROKER__actorbroker__journal__plugin"] = "postgresql",
            ["ACTORBROKER_PG_CONNECTION"] = await postgres.DatabaseAsync(nameof(JournalOwnershipTests)),
        };
        await using var first = NodeProcess.Start(Folder("first"), environment);
        await first.WaitForAmqpPortAsync(s_timeout);

        await using (var second = NodeProcess.Start(Folder("second"), environment))
        {
            Assert.Contains("postgresql journal", await second.WaitForLineAsync("is in use by another broker node", s_timeout), StringComparison.Ordinal);
            Assert.Equal(1, await second.WaitForExitAsync(s_timeout));
        }

        // The lock goes with the process: a killed owner blocks nobody.
        await first.KillAsync();
        await using var successor = NodeProcess.Start(Folder("successor"), environment);
        await successor.WaitForAmqpPortAsync(s_timeout);
    }

    [Fact]
    public async Task A_node_stopped_in_a_process_that_goes_on_releases_its_PostgreSQL_lock()
    {
        var database = await postgres.DatabaseAsync(nameof(A_node_stopped_in_a_process_that_goes_on_releases_its_PostgreSQL_lock));
        var node = new ManagementNode { ExtraConfig = $"actorbroker.journal {{ plugin = postgresql, postgresql.connection-string = \"{database}\" }}" };
        await node.InitializeAsync();
        Assert.Equal(1L, await postgres.ExecuteSqlAsync(nameof(A_node_stopped_in_a_process_that_goes_on_releases_its_PostgreSQL_lock), AdvisoryLocks));

        await node.DisposeAsync();

        // A host that starts the node again in this process (an embedding application, a test) must not find it taken.
        Assert.Equal(0L, await postgres.ExecuteSqlAsync(nameof(A_node_stopped_in_a_process_that_goes_on_releases_its_PostgreSQL_lock), AdvisoryLocks));
    }

    private const string AdvisoryLocks = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted";

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(_workDir.FullName, name)).FullName;

    public void Dispose() => _workDir.Delete(recursive: true);
}
