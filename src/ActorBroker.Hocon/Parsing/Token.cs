namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// A lexical token. <see cref="Text"/> is the decoded value for quoted strings and the source text otherwise.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    public bool IsSimpleValue => Kind is TokenKind.QuotedString or TokenKind.MultilineString or TokenKind.Unquoted
        or TokenKind.Number or TokenKind.True or TokenKind.False or TokenKind.Null;

    public bool IsSpace => Kind is TokenKind.Whitespace or TokenKind.Newline;

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of file",
        TokenKind.Newline => "newline",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString or TokenKind.MultilineString => $"string \"{Text}\"",
        TokenKind.Unquoted => $"'{Text}'",
        TokenKind.Number => $"number {Text}",
        _ => $"'{Text}'",
    };
}
