namespace ActorBroker.Cli.Tests.Fakes;

/// <summary>A fresh fake node per test class instance, and the CLI pointed at it.</summary>
public abstract class FakeNodeTests : IAsyncLifetime
{
    internal FakeNode Node { get; private set; } = null!;

    public async Task InitializeAsync() => Node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>Runs the real executable with <c>--url</c> set to the fake node.</summary>
    internal Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync([.. args, "--url", Node.Url.ToString()]);

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
