using System.Collections;
using System.Reflection;
using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Parsing;
using ActorBroker.Hocon.Resolution;

namespace ActorBroker.Hocon;

/// <summary>Builds <see cref="Config"/>s from HOCON text, files and the reference configs of assemblies.</summary>
public static class ConfigFactory
{
    /// <summary>The name of the embedded resource holding an assembly's defaults.</summary>
    public const string ReferenceResourceName = "reference.conf";

    /// <summary>
    /// Parses and resolves HOCON text. Substitutions the text does not define fall back to environment
    /// variables; relative includes are looked up next to <paramref name="sourceName"/> when it is a path
    /// with a folder, otherwise in the current directory.
    /// </summary>
    /// <param name="text">The HOCON document.</param>
    /// <param name="sourceName">Names the text in error messages and origins.</param>
    /// <exception cref="ConfigException">The text is invalid or a substitution cannot be resolved.</exception>
    public static Config ParseString(string text, string sourceName = "string") =>
        ParseString(text, sourceName, DiskConfigFiles.Instance, Environment.GetEnvironmentVariables());

    /// <summary><see cref="ParseString(string, string)"/> with includes read from <paramref name="files"/> and substitutions falling back to <paramref name="environment"/>.</summary>
    internal static Config ParseString(string text, string sourceName, IConfigFiles files, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = Parser.ParseDocument(text, sourceName, new IncludeLoader(files), []);
        return Resolve(root, environment);
    }

    /// <summary>
    /// Parses and resolves a file: <c>.json</c> by JSON's rules, <c>.properties</c> as Java properties,
    /// anything else as HOCON. Includes are relative to the including file.
    /// </summary>
    /// <exception cref="ConfigException">The file is missing or invalid, or a substitution cannot be resolved.</exception>
    public static Config ParseFile(string path) => Resolve(ReadFile(path), Environment.GetEnvironmentVariables());

    /// <summary>
    /// The configuration of a node: environment overrides, over <paramref name="userFile"/>, over the
    /// <c>reference.conf</c> resources embedded in <paramref name="withReferenceConfigs"/> (earlier assemblies
    /// win over later ones), resolved together so the user file can refer to reference settings.
    /// </summary>
    /// <remarks>
    /// An environment variable <c>ACTORBROKER__a__b__c=value</c> overrides the setting at path <c>a.b.c</c>
    /// (path elements are separated by a double underscore and are case-sensitive; the value is a string,
    /// converted by the getters). A single underscore inside an element stands for <c>-</c>, so that a shell
    /// can export every setting: <c>ACTORBROKER__akka__persistence__snapshot_store__plugin</c> sets
    /// <c>akka.persistence.snapshot-store.plugin</c>, as <c>ACTORBROKER__akka__persistence__snapshot-store__plugin</c>
    /// does; an element that names a key spelled with <c>_</c> in the user file or a reference config is kept
    /// as written. A reference config is resolved on its own first, as the spec recommends.
    /// An assembly's reference config is the embedded resource named <see cref="ReferenceResourceName"/>
    /// (<c>&lt;EmbeddedResource Include="reference.conf" LogicalName="reference.conf" /&gt;</c>).
    /// </remarks>
    /// <exception cref="ConfigException">A file is missing or invalid, or a substitution cannot be resolved.</exception>
    public static Config Load(string? userFile = null, params Assembly[] withReferenceConfigs) =>
        Load(userFile, withReferenceConfigs, Environment.GetEnvironmentVariables());

    internal static Config Load(string? userFile, IReadOnlyList<Assembly> withReferenceConfigs, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(withReferenceConfigs);
        var reference = HoconObject.Empty(ConfigOrigin.Of("reference"));
        foreach (var assembly in withReferenceConfigs.Reverse())
            reference = NodeMerger.MergeObjects(ReadReference(assembly), reference);
        reference = Resolver.Resolve(reference, name => environment[name] as string);
        var user = userFile is null ? HoconObject.Empty(ConfigOrigin.Of("no user config")) : ReadFile(userFile);
        var beneath = NodeMerger.MergeObjects(user, reference);
        var overrides = EnvironmentOverrides.Read(environment, beneath);
        return Resolve(NodeMerger.MergeObjects(overrides, beneath), environment);
    }

    private static HoconObject ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new ConfigException($"config file not found: {path}", ConfigOrigin.Of(path));
        return new IncludeLoader(DiskConfigFiles.Instance).LoadFile(path, null, []);
    }

    private static HoconObject ReadReference(Assembly assembly)
    {
        var resource = assembly.GetManifestResourceNames()
            .FirstOrDefault(n => n == ReferenceResourceName || n.EndsWith("." + ReferenceResourceName, StringComparison.Ordinal));
        var source = $"{assembly.GetName().Name}:{ReferenceResourceName}";
        if (resource is null)
            return HoconObject.Empty(ConfigOrigin.Of(source));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return Parser.ParseDocument(reader.ReadToEnd(), source, new IncludeLoader(DiskConfigFiles.Instance), []);
    }

    private static Config Resolve(HoconObject root, IDictionary environment) =>
        new(Resolver.Resolve(root, name => environment[name] as string), "");
}
