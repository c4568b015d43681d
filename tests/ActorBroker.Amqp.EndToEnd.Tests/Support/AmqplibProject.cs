namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>The Node project with the amqplib smoke script, its dependencies installed once per test run.</summary>
public static class AmqplibProject
{
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<Task<string>> s_installed = new(InstallAsync);

    /// <summary>The project folder, after <c>npm ci</c> has succeeded there.</summary>
    public static Task<string> DirectoryAsync() => s_installed.Value;

    private static async Task<string> InstallAsync()
    {
        var folder = Path.Combine(SolutionDirectory(), "tests", "ActorBroker.Amqp.EndToEnd.Tests", "amqplib");
        var install = await ExternalProcess.RunAsync(Npm, folder, s_installTimeout, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in {folder} failed with exit code {install.ExitCode}:\n{install.Output}");
        }

        return folder;
    }

    private static string Npm => OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    private static string SolutionDirectory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ActorBroker.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ActorBroker.sln above {AppContext.BaseDirectory}: the amqplib project is found relative to it.");
    }
}
