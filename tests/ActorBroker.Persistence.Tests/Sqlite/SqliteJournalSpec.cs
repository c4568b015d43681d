using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Specs;

namespace ActorBroker.Persistence.Tests.Sqlite;

public sealed class SqliteJournalSpec : JournalSpec
{
    private readonly SqliteTestStore _store = new();

    protected override async Task<IJournal> CreateJournalAsync() => await _store.OpenAsync();

    protected override Task<object?> ExecuteSqlAsync(string sql) => _store.ExecuteSqlAsync(sql);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _store.Dispose();
    }

    [Fact]
    public async Task The_journal_file_is_in_write_ahead_log_mode()
    {
        Assert.Equal("wal", await _store.ExecuteSqlAsync("PRAGMA journal_mode"));
    }
}
