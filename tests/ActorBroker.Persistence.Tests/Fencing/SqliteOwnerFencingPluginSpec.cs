using ActorBroker.Persistence.Tests.Support;

namespace ActorBroker.Persistence.Tests.Fencing;

public sealed class SqliteOwnerFencingPluginSpec : OwnerFencingPluginSpec
{
    private readonly TempDirectory _directory = new();

    protected override Task<string> DatabaseHoconAsync() =>
        Task.FromResult($"provider = sqlite\nsqlite.path = \"{_directory.File("journal.db")}\"");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
