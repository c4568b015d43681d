using System.CommandLine;
using ActorBroker.Hocon;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker config print FILE</c>: the fully resolved configuration of a file, as JSON.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A config file: .json is read as JSON, .properties as Java properties, anything else as HOCON",
        };
        var print = new Command("print", "Print the fully resolved config of FILE as JSON (substitutions, includes and merges applied)")
        {
            file,
        };
        print.SetAction(parseResult => Print(parseResult.GetValue(file)!, parseResult.InvocationConfiguration));
        return new Command("config", "Inspect broker configuration files") { print };
    }

    private static int Print(string path, InvocationConfiguration console)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            console.Error.WriteLine($"actorbroker: config file not found: {path}");
            return ExitCodes.Failure;
        }
        try
        {
            console.Output.WriteLine(ConfigFactory.ParseFile(path).ToJson());
            return ExitCodes.Success;
        }
        catch (ConfigException e)
        {
            console.Error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
    }
}
