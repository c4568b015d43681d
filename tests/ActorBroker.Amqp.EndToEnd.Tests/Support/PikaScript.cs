namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>The pika smoke script, found relative to the solution (Debian's python3-pika; <c>.ci/run</c> installs it).</summary>
public static class PikaScript
{
    public static string Directory()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ActorBroker.sln")))
            {
                return Path.Combine(folder.FullName, "tests", "ActorBroker.Amqp.EndToEnd.Tests", "pika");
            }
        }

        throw new InvalidOperationException($"No ActorBroker.sln above {AppContext.BaseDirectory}: the pika script is found relative to it.");
    }
}
