using ActorBroker.Persistence.Sql;
using ActorBroker.Persistence.Tests.Sqlite;

namespace ActorBroker.Persistence.Tests.Fencing;

public sealed class SqliteFencingSpec : FencingSpec
{
    private readonly SqliteTestStore _store = new();

    protected override async Task<SqlJournal> OpenJournalAsync() => await _store.OpenAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _store.Dispose();
    }
}
