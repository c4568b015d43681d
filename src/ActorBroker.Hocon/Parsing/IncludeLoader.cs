using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Finds and parses included files. A name without an extension loads every existing form of it,
/// <c>.properties</c>, then <c>.json</c>, then <c>.conf</c>, each merging over the previous one.
/// </summary>
internal sealed class IncludeLoader
{
    private static readonly string[] s_extensions = [".properties", ".json", ".conf"];

    private readonly IConfigFiles _files;

    // Files being parsed, outermost first: an include of one of them again would never end.
    private readonly List<string> _openFiles = [];

    public IncludeLoader(IConfigFiles files) => _files = files;

    public HoconObject Load(IncludeRequest request, IReadOnlyList<string> prefix)
    {
        var directory = request.IncludingFile is null ? _files.CurrentDirectory : Path.GetDirectoryName(request.IncludingFile) ?? "";
        var basePath = Path.Combine(directory, request.Name);
        var candidates = Path.HasExtension(request.Name) ? [basePath] : s_extensions.Select(e => basePath + e).ToArray();
        var existing = candidates.Where(_files.Exists).ToList();
        if (existing.Count == 0)
        {
            if (!request.Required)
                return HoconObject.Empty(request.Origin);
            throw new ConfigException($"required include \"{request.Name}\" was not found (looked for {string.Join(", ", candidates)})", request.Origin);
        }
        var result = HoconObject.Empty(request.Origin);
        foreach (var file in existing)
            result = NodeMerger.MergeObjects(LoadFile(file, request.Origin, prefix), result);
        return result;
    }

    /// <summary>Parses a file by its extension: JSON rules for <c>.json</c>, Java properties for <c>.properties</c>, HOCON otherwise.</summary>
    public HoconObject LoadFile(string file, ConfigOrigin? includedAt, IReadOnlyList<string> prefix)
    {
        var fullPath = Path.GetFullPath(file);
        if (_openFiles.Contains(fullPath, StringComparer.Ordinal))
        {
            throw new ConfigException($"include cycle: {string.Join(" includes ", _openFiles.Append(fullPath).Select(Path.GetFileName))}",
                includedAt ?? ConfigOrigin.Of(file));
        }
        var text = _files.ReadText(file, includedAt ?? ConfigOrigin.Of(file));
        _openFiles.Add(fullPath);
        try
        {
            return Path.GetExtension(file).ToUpperInvariant() switch
            {
                ".JSON" => JsonReader.Read(text, file),
                ".PROPERTIES" => PropertiesReader.Read(text, file),
                _ => Parser.ParseDocument(text, file, this, prefix),
            };
        }
        finally
        {
            _openFiles.RemoveAt(_openFiles.Count - 1);
        }
    }
}
