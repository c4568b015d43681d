namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Bounds that keep a hostile or broken document from exhausting the stack or the memory: documents beyond
/// them are rejected with an error. No real configuration comes near them.
/// </summary>
internal static class ParseLimits
{
    /// <summary>The deepest nesting of objects and arrays, counting the elements of path keys such as <c>a.b.c</c>.</summary>
    public const int MaxDepth = 200;

    public static string TooDeep => $"objects and arrays are nested deeper than {MaxDepth} levels";

    /// <summary>
    /// The largest resolved value, counting each character of a key or scalar and each value once, as it would
    /// be written out. Substitutions copy values, so each line of <c>b = ${a}${a}</c>, <c>c = ${b}${b}</c>…
    /// doubles what a few bytes of text resolve to; this stops such a document before it exhausts the memory.
    /// </summary>
    public const long MaxResolvedSize = 1_000_000;

    public static string TooLarge => $"resolving this value makes it larger than {MaxResolvedSize:N0} characters and values: do substitutions copy a value into itself many times over?";
}
