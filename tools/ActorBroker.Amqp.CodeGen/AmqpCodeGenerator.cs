using ActorBroker.Amqp.CodeGen.Emit;
using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen;

/// <summary>One generated source file: its path relative to the output folder ('/' separated) and its text.</summary>
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

        // One folder per AMQP class, one file per method: the structs stay small and easy to find.
        foreach (var specClass in spec.Classes.OrderBy(c => c.Id))
        {
            var folder = Naming.Pascal(specClass.Name) + "/";
            foreach (var method in specClass.Methods.OrderBy(m => m.Id))
            {
                files.Add(new(folder + Naming.TypeName(new SpecNames(specClass.Name, method.Name)) + FileSuffix, MethodEmitter.Emit(specClass, method)));
            }

            if (specClass.Properties.Count > 0)
            {
                files.Add(new(folder + Naming.Pascal(specClass.Name) + "Properties" + FileSuffix, PropertiesEmitter.Emit(specClass)));
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
        foreach (var existing in ListGeneratedFiles(outputDirectory))
        {
            if (!names.Contains(existing))
            {
                File.Delete(Path.Combine(outputDirectory, existing));
            }
        }

        foreach (var file in files)
        {
            var path = Path.Combine(outputDirectory, file.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content);
        }
    }

    /// <summary>The generated files under a folder, as sorted '/' separated relative paths.</summary>
    public static IReadOnlyList<string> ListGeneratedFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*" + FileSuffix, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
