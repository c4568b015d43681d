using ActorBroker.Amqp.CodeGen;

// Usage: dotnet run --project tools/ActorBroker.Amqp.CodeGen -- [spec.json] [outputDir]
// Defaults are relative to the repository root (the folder holding ActorBroker.sln).
var root = FindRepositoryRoot(Directory.GetCurrentDirectory());
var specPath = args.Length > 0 ? args[0] : Path.Combine(root, "..", "shared", "reference", "amqp", "amqp-rabbitmq-0.9.1.json");
var outputDir = args.Length > 1 ? args[1] : Path.Combine(root, "src", "ActorBroker.Amqp", "Framing", "Generated");

if (!File.Exists(specPath))
{
    Console.Error.WriteLine($"codegen: spec file not found: {Path.GetFullPath(specPath)}");
    return 1;
}

var files = AmqpCodeGenerator.Generate(File.ReadAllText(specPath));
AmqpCodeGenerator.WriteAll(files, outputDir);
Console.WriteLine($"codegen: wrote {files.Count} files to {Path.GetFullPath(outputDir)}");
return 0;

static string FindRepositoryRoot(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ActorBroker.sln")))
        {
            return dir.FullName;
        }
    }

    return start;
}
