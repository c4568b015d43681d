namespace ActorBroker.Hocon.Parsing;

// Name is the file name as written, relative to the including file; IncludingFile is null for parsed strings.
internal sealed record IncludeRequest(string Name, bool Required, ConfigOrigin Origin, string? IncludingFile);
