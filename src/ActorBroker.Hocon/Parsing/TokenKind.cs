namespace ActorBroker.Hocon.Parsing;

internal enum TokenKind
{
    End,
    Newline,
    Whitespace,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    QuotedString,
    MultilineString,
    Unquoted,
    Number,
    True,
    False,
    Null,
    SubstitutionStart,
    OptionalSubstitutionStart,
}
