using ActorBroker.Persistence.Sqlite;
using ActorBroker.Persistence.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ActorBroker.Persistence.Tests.Sqlite;

/// <summary>A SQLite journal file in its own temp folder, for one test.</summary>
internal sealed class SqliteTestStore : IDisposable
{
    private readonly TempDirectory _directory = new();

    public string Path => _directory.File(SqliteJournalOptions.FileName);

    public async Task<SqliteJournal> OpenAsync(SqliteJournalOptions? options = null)
    {
        var journal = new SqliteJournal(options ?? new SqliteJournalOptions(Path));
        await journal.InitializeAsync();
        return journal;
    }

    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    public async Task<object?> ExecuteSqlAsync(string sql)
    {
        await using var connection = Connect();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
