using ActorBroker.Persistence.Snapshots;
using ActorBroker.Persistence.Tests.Specs;

namespace ActorBroker.Persistence.Tests.Sqlite;

public sealed class SqliteSnapshotStoreSpec : SnapshotStoreSpec
{
    private readonly SqliteTestStore _store = new();

    protected override async Task<ISnapshotStore> CreateStoreAsync() => await _store.OpenAsync();

    protected override Task<object?> ExecuteSqlAsync(string sql) => _store.ExecuteSqlAsync(sql);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _store.Dispose();
    }
}
