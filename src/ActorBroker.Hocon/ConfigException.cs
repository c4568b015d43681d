namespace ActorBroker.Hocon;

/// <summary>
/// The one error type of the HOCON library: a syntax error while parsing, an include that cannot
/// be loaded, a substitution that cannot be resolved, or a setting that is missing or has the wrong type.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> is ready to show to a user: <c>file:line:column: what went wrong</c>.
/// The location is where the problem is in the source text (for a wrong type: where the value was set).
/// </remarks>
public sealed class ConfigException : Exception
{
    internal ConfigException(string reason, ConfigOrigin origin, string? path = null, Exception? inner = null)
        : base(Format(reason, origin), inner)
    {
        Reason = reason;
        File = origin.File;
        Line = origin.Line;
        Column = origin.Column;
        Path = path;
    }

    /// <summary>The file (or description of the source, such as <c>string</c> or <c>env ACTORBROKER__a__b</c>) the error is in.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the error, or 0 when the source has no lines (environment variables).</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the error, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>The config path the error is about, when it is about a setting (a getter or a substitution).</summary>
    public string? Path { get; }

    /// <summary>The message without its location prefix.</summary>
    public string Reason { get; }

    private static string Format(string reason, ConfigOrigin origin) => $"{origin}: {reason}";
}
