namespace ActorBroker.Hocon.Model;

internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A string, number, boolean or null. Numbers keep the text they were written with.</summary>
internal sealed class HoconScalar : HoconNode
{
    private HoconScalar(ScalarKind kind, string text, ConfigOrigin origin, bool isSeparator)
        : base(origin)
    {
        Kind = kind;
        Text = text;
        IsSeparator = isSeparator;
    }

    public ScalarKind Kind { get; }

    /// <summary>The string value, the number as written, <c>true</c>/<c>false</c>, or <c>null</c>.</summary>
    public string Text { get; }

    /// <summary>
    /// Unquoted whitespace between two values of a concatenation: kept between strings,
    /// ignored between arrays or objects.
    /// </summary>
    public bool IsSeparator { get; }

    public static HoconScalar String(string value, ConfigOrigin origin) => new(ScalarKind.String, value, origin, false);

    public static HoconScalar Separator(string whitespace, ConfigOrigin origin) => new(ScalarKind.String, whitespace, origin, true);

    public static HoconScalar Number(string text, ConfigOrigin origin) => new(ScalarKind.Number, text, origin, false);

    public static HoconScalar Boolean(bool value, ConfigOrigin origin) => new(ScalarKind.Boolean, value ? "true" : "false", origin, false);

    public static HoconScalar Null(ConfigOrigin origin) => new(ScalarKind.Null, "null", origin, false);

    public override string Describe() => Kind switch
    {
        ScalarKind.String => $"string \"{Text}\"",
        ScalarKind.Number => $"number {Text}",
        ScalarKind.Boolean => $"boolean {Text}",
        _ => "null",
    };
}
