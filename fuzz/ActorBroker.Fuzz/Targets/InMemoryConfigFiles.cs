using ActorBroker.Hocon;
using ActorBroker.Hocon.Parsing;

namespace ActorBroker.Fuzz.Targets;

/// <summary>Config files held in memory, so that includes are parsed without touching the disk.</summary>
internal sealed class InMemoryConfigFiles : IConfigFiles
{
    private readonly Dictionary<string, string> _files;

    public InMemoryConfigFiles(string currentDirectory, Dictionary<string, string> files)
    {
        CurrentDirectory = currentDirectory;
        _files = files;
    }

    public string CurrentDirectory { get; }

    public bool Exists(string path) => _files.ContainsKey(path);

    public string ReadText(string path, ConfigOrigin origin) =>
        _files.TryGetValue(path, out var text) ? text : throw new ConfigException($"cannot read {path}: no such file", origin);
}
