namespace ActorBroker.Broker.Tests.Durability;

/// <summary>A journal file in a fresh temp folder, removed with the folder when the test ends.</summary>
public sealed class DurableTempFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("actorbroker-durable-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "journal.db");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
