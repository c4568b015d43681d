using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Specs;
using ActorBroker.Persistence.Tests.Support;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Postgres;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresJournalSpec(PostgresServer server) : JournalSpec
{
    protected override async Task<IJournal> CreateJournalAsync() => await server.OpenJournalAsync(nameof(PostgresJournalSpec));

    protected override Task<object?> ExecuteSqlAsync(string sql) => server.ExecuteSqlAsync(nameof(PostgresJournalSpec), sql);

    [Fact]
    public async Task A_large_payload_is_stored_compressed_with_lz4_and_reads_back_whole()
    {
        var pid = TestEvents.NewPersistenceId();
        var payload = Enumerable.Range(0, 1 << 20).Select(i => (byte)(i % 7)).ToArray();
        await Journal.WriteAsync([new AtomicWrite(pid, new JournalEvent(1, "test.event", payload, TestEvents.Timestamp))]);

        Assert.Equal("lz4", await ExecuteSqlAsync($"SELECT pg_column_compression(payload) FROM journal WHERE persistence_id = '{pid}'"));
        var replayed = Assert.IsType<ReplayedEvent>(Assert.Single(await Journal.ReplayAllAsync(pid)));
        Assert.Equal(payload, replayed.Event.Payload.ToArray());
    }
}
