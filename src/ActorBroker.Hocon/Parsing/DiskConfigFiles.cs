namespace ActorBroker.Hocon.Parsing;

/// <summary>Includes read from the file system: what every public <see cref="ConfigFactory"/> entry point uses.</summary>
internal sealed class DiskConfigFiles : IConfigFiles
{
    public static readonly DiskConfigFiles Instance = new();

    private DiskConfigFiles()
    {
    }

    public string CurrentDirectory => Directory.GetCurrentDirectory();

    public bool Exists(string path) => File.Exists(path);

    public string ReadText(string path, ConfigOrigin origin) => SourceText.Read(path, origin);
}
