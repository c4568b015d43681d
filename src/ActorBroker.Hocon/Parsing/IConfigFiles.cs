namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Where includes are read from: the disk for a node, a set of texts in memory for the fuzz target and
/// tests, so parsing a string with includes can be exercised without touching the file system.
/// </summary>
internal interface IConfigFiles
{
    /// <summary>The folder that relative includes of a parsed string are looked up in.</summary>
    string CurrentDirectory { get; }

    bool Exists(string path);

    /// <exception cref="ConfigException">The file cannot be read or is not UTF-8; the error names <paramref name="origin"/>.</exception>
    string ReadText(string path, ConfigOrigin origin);
}
