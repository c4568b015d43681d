using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved document tree. Duplicate keys are merged as
/// they are read; substitutions stay in the tree for the resolver.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly string _file;
    private readonly IncludeLoader? _includes;
    private readonly IReadOnlyList<string> _substitutionPrefix;
    private int _position;
    private int _depth;

    private Parser(List<Token> tokens, string file, IncludeLoader? includes, IReadOnlyList<string> substitutionPrefix)
    {
        _tokens = tokens;
        _file = file;
        _includes = includes;
        _substitutionPrefix = substitutionPrefix;
    }

    /// <summary>
    /// Parses a whole document; its root must be an object (braces may be omitted). <paramref name="substitutionPrefix"/>
    /// is where the document is included: its substitutions are looked up there first.
    /// </summary>
    public static HoconObject ParseDocument(string text, string file, IncludeLoader includes, IReadOnlyList<string> substitutionPrefix)
    {
        var parser = new Parser(Lexer.Tokenize(text, file), file, includes, substitutionPrefix);
        return parser.ParseRoot();
    }

    /// <summary>Parses a path expression given to a getter, such as <c>a.b."c.d"</c>.</summary>
    public static IReadOnlyList<string> ParseStandalonePath(string path)
    {
        var parser = new Parser(Lexer.Tokenize(path, "path"), "path", null, []);
        parser.SkipWhitespace();
        var start = parser.Current;
        var elements = parser.ReadPath(start, "a path");
        parser.SkipWhitespace();
        if (parser.Current.Kind != TokenKind.End)
            throw parser.Error(parser.Current, $"expected the end of path '{path}', found {parser.Current.Describe()}");
        return elements;
    }

    private Token Current => _tokens[_position];

    private HoconObject ParseRoot()
    {
        SkipSpace();
        var first = Current;
        if (first.Kind == TokenKind.OpenBracket)
            throw Error(first, "the root of a config must be an object, found an array");
        if (first.Kind != TokenKind.OpenBrace)
            return ParseFields(first, [], braced: false);
        Advance();
        var root = ParseFields(first, [], braced: true);
        SkipSpace();
        if (Current.Kind != TokenKind.End)
            throw Error(Current, $"expected end of file after the root object, found {Current.Describe()}");
        return root;
    }

    private Token Advance() => _tokens[_position++];

    private void SkipWhitespace()
    {
        while (Current.Kind == TokenKind.Whitespace)
            _position++;
    }

    private void SkipSpace()
    {
        while (Current.IsSpace)
            _position++;
    }

    private void Enter(Token at)
    {
        if (++_depth > ParseLimits.MaxDepth)
            throw Error(at, ParseLimits.TooDeep);
    }

    private ConfigException Error(Token at, string reason) => new(reason, Origin(at));

    private ConfigOrigin Origin(Token token) => new(_file, token.Line, token.Column);
}
