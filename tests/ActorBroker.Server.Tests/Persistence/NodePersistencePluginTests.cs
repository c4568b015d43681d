using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;
using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Persistence;

/// <summary>
/// The node carries both Akka.Persistence plugins, chosen with one setting in its config, and both write to
/// the database of the node's own journal (actorbroker.journal), the group-commit one through the node's store.
/// </summary>
public sealed class NodePersistencePluginTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("actorbroker-plugins-");

    private string DataDirectory => Path.Combine(_directory.FullName, "data").Replace("\\", "/", StringComparison.Ordinal);

    private string JournalFile => Path.Combine(DataDirectory, "journal.db");

    [Fact]
    public void The_default_config_selects_the_group_commit_plugins_and_points_Akka_Persistence_Sql_at_the_node_journal()
    {
        var akka = AkkaNodeConfig.From(NodeConfig(string.Empty)).WithFallback(AkkaNodeConfig.PersistencePluginDefaults);

        Assert.Equal("akka.persistence.journal.actorbroker", akka.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.actorbroker", akka.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal($"Data Source={JournalFile}", akka.GetString("akka.persistence.journal.sql.connection-string"));
        Assert.Equal($"Data Source={JournalFile}", akka.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Equal("akka_journal", akka.GetString("akka.persistence.query.journal.sql.default.journal.table-name"));
        Assert.Equal("ordering", akka.GetString("akka.persistence.query.journal.sql.default.journal.columns.ordering"));
        Assert.Equal(JournalFile, akka.GetString("akka.persistence.journal.actorbroker.sqlite.path"));
    }

    [Theory]
    [InlineData("akka.persistence.journal.actorbroker", "journal")]
    [InlineData("akka.persistence.journal.sql", "akka_journal")]
    public async Task A_persistent_actor_of_the_node_journals_into_the_node_database_with_either_plugin(string plugin, string table)
    {
        var config = NodeConfig($"""akka.persistence.journal.plugin = "{plugin}" """);
        using var host = NodeHost.Build(config, builder => builder.Logging.ClearProviders());
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var pid = $"node-{Guid.NewGuid():N}";
            var persisted = await system.ActorOf(Props.Create(() => new OneEvent(pid))).Ask<string>("hello", s_timeout);

            Assert.Equal("hello", persisted);
            Assert.Equal(1L, await CountRowsAsync(table, pid));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>The node's config as a user writes it: broker.conf included, then the test's settings.</summary>
    private Config NodeConfig(string settings)
    {
        var file = Path.Combine(_directory.FullName, "node.conf");
        File.WriteAllText(file, $$"""
            include file("{{Path.Combine(AppContext.BaseDirectory, "config", "broker.conf")}}")
            actorbroker {
              data-directory = "{{DataDirectory}}"
              amqp.port = 0
              management.enabled = false
              alarms.disk-free-limit = 0
              alarms.memory-high-watermark = 1
            }
            {{settings}}
            """);
        return ConfigFactory.ParseFile(file);
    }

    private async Task<long> CountRowsAsync(string table, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={JournalFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE persistence_id = $pid";
        command.Parameters.AddWithValue("$pid", persistenceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    /// <summary>Persists the text it is sent and answers it once it is stored.</summary>
    private sealed class OneEvent : ReceivePersistentActor
    {
        public OneEvent(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<string>(text => Persist(text, stored => Sender.Tell(stored)));
        }

        public override string PersistenceId { get; }
    }
}
