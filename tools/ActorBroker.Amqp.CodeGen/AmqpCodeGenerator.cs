using ActorBroker.Amqp.CodeGen.Emit;
using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen;

/// <summary>One generated source file: its name inside the output folder and its text.</summary>
public sealed record GeneratedFile(string Name, string Content);

/// <summary>Generates the AMQP 0-9-1 frame codec from RabbitMQ's codegen JSON.</summary>
public static class AmqpCodeGenerator
{
    /// <summary>The suffix of every generated file; files with it that the spec no longer produces are deleted.</summary>
    public const string FileSuffix = ".g.cs";

    /// <summary>Generates every file, in a fixed order and with no timestamps, so the output is reproducible.</summary>
    public static IReadOnlyList<GeneratedFile> Generate(string specJson)
    {
        var spec = SpecLoader.Load(specJson);
        var files = new List<GeneratedFile>
        {
            new("AmqpConstants" + FileSuffix, ConstantsEmitter.EmitConstants(spec)),
            new("ReplyCode" + FileSuffix, ConstantsEmitter.EmitReplyCodes(spec)),
            new("AmqpMethodId" + FileSuffix, MethodIndexEmitter.Emit(spec)),
        };

        foreach (var specClass in spec.Classes.OrderBy(c => c.Id))
        {
            files.Add(new(Naming.Pascal(specClass.Name) + FileSuffix, MethodEmitter.EmitClass(specClass)));
            if (specClass.Properties.Count > 0)
            {
                files.Add(new(Naming.Pascal(specClass.Name) + "Properties" + FileSuffix, PropertiesEmitter.Emit(specClass)));
            }
        }

        return files;
    }

    /// <summary>Writes the files into <paramref name="outputDirectory"/> and deletes stale generated files there.</summary>
    public static void WriteAll(IReadOnlyList<GeneratedFile> files, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(files);
        Directory.CreateDirectory(outputDirectory);
        var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(outputDirectory, "*" + FileSuffix))
        {
            if (!names.Contains(Path.GetFileName(stale)))
            {
                File.Delete(stale);
            }
        }

        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(outputDirectory, file.Name), file.Content);
        }
    }
}
