namespace ActorBroker.Server.Tests;

/// <summary>The repository the tests were built from, for what the build does not copy (scripts, config/cluster).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ActorBroker.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"no ActorBroker.sln above {AppContext.BaseDirectory}");
    }
}
