namespace ActorBroker.Server.Hosting;

/// <summary>Finds the config file a node starts from: <c>--config FILE</c>, else <c>config/broker.conf</c>.</summary>
internal static class ConfigLocator
{
    private const string DefaultRelativePath = "config/broker.conf";

    /// <summary>
    /// The default is looked up in the working directory first (the README runs the node from the
    /// repository root) and then beside the executable, where the build copies it.
    /// </summary>
    public static string Locate(string[] args)
    {
        var index = Array.IndexOf(args, "--config");
        if (index >= 0)
        {
            if (index + 1 >= args.Length)
                throw new ArgumentException("--config needs a file: --config FILE");
            return args[index + 1];
        }

        var inWorkingDirectory = Path.GetFullPath(DefaultRelativePath);
        return File.Exists(inWorkingDirectory)
            ? inWorkingDirectory
            : Path.Combine(AppContext.BaseDirectory, DefaultRelativePath);
    }
}
