namespace ActorBroker.Hocon;

/// <summary>Where a token or a value comes from: a file (or other source) and a 1-based line and column.</summary>
internal readonly record struct ConfigOrigin(string File, int Line, int Column)
{
    public static ConfigOrigin Of(string source) => new(source, 0, 0);

    public override string ToString() => (Line, Column) switch
    {
        (0, _) => File,
        (_, 0) => $"{File}:{Line}",
        _ => $"{File}:{Line}:{Column}",
    };
}
