namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Bounds that keep a hostile or broken document from exhausting the stack: deeper documents are
/// rejected with an error. No real configuration comes near them.
/// </summary>
internal static class ParseLimits
{
    /// <summary>The deepest nesting of objects and arrays, counting the elements of path keys such as <c>a.b.c</c>.</summary>
    public const int MaxDepth = 200;

    public static string TooDeep => $"objects and arrays are nested deeper than {MaxDepth} levels";
}
