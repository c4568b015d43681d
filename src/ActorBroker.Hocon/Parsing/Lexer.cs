using System.Globalization;

namespace ActorBroker.Hocon.Parsing;

/// <summary>
/// Turns HOCON text into tokens that carry their line and column. Comments are dropped; whitespace
/// and newlines are kept because they decide concatenation and separate fields.
/// </summary>
internal sealed partial class Lexer
{
    // Characters that may not appear in unquoted text; some are syntax, the rest are reserved by the spec.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _file;
    private readonly List<Token> _tokens = [];
    private int _position;
    private int _line = 1;
    private int _lineStart;

    private Lexer(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static List<Token> Tokenize(string text, string file)
    {
        var lexer = new Lexer(text, file);
        lexer.Run();
        return lexer._tokens;
    }

    private int Column => _position - _lineStart + 1;

    private void Run()
    {
        while (_position < _text.Length)
            LexOne();
        _tokens.Add(new Token(TokenKind.End, "", _line, Column));
    }

    private void LexOne()
    {
        var c = _text[_position];
        if (c == '\n')
        {
            Emit(TokenKind.Newline, "\n", 1);
            _line++;
            _lineStart = _position;
        }
        else if (IsWhitespace(c))
        {
            LexWhitespace();
        }
        else if (c == '#' || (c == '/' && Peek(1) == '/'))
        {
            SkipComment();
        }
        else
        {
            LexSignificant(c);
        }
    }

    private void LexSignificant(char c)
    {
        switch (c)
        {
            case '{': Emit(TokenKind.OpenBrace, "{", 1); break;
            case '}': Emit(TokenKind.CloseBrace, "}", 1); break;
            case '[': Emit(TokenKind.OpenBracket, "[", 1); break;
            case ']': Emit(TokenKind.CloseBracket, "]", 1); break;
            case ',': Emit(TokenKind.Comma, ",", 1); break;
            case ':': Emit(TokenKind.Colon, ":", 1); break;
            case '=': Emit(TokenKind.Equals, "=", 1); break;
            case '+' when Peek(1) == '=': Emit(TokenKind.PlusEquals, "+=", 2); break;
            case '$' when Peek(1) == '{' && Peek(2) == '?': Emit(TokenKind.OptionalSubstitutionStart, "${?", 3); break;
            case '$' when Peek(1) == '{': Emit(TokenKind.SubstitutionStart, "${", 2); break;
            case '"' when Peek(1) == '"' && Peek(2) == '"': LexMultilineString(); break;
            case '"': LexQuotedString(); break;
            case '-' when IsDigit(Peek(1)): LexNumber(); break;
            case >= '0' and <= '9': LexNumber(); break;
            default: LexUnquotedOrKeyword(c); break;
        }
    }

    private void LexUnquotedOrKeyword(char c)
    {
        if (Forbidden.Contains(c, StringComparison.Ordinal))
        {
            var hint = c == '$' ? " (a substitution is written ${path})" : "; put the value in double quotes";
            throw Error($"reserved character '{c}' is not allowed outside quotes{hint}");
        }
        foreach (var (keyword, kind) in s_keywords)
        {
            if (string.CompareOrdinal(_text, _position, keyword, 0, keyword.Length) == 0)
            {
                Emit(kind, keyword, keyword.Length);
                return;
            }
        }
        var end = _position;
        while (end < _text.Length && IsUnquotedChar(end))
            end++;
        Emit(TokenKind.Unquoted, _text[_position..end], end - _position);
    }

    private static readonly (string Keyword, TokenKind Kind)[] s_keywords =
        [("true", TokenKind.True), ("false", TokenKind.False), ("null", TokenKind.Null)];

    private bool IsUnquotedChar(int index)
    {
        var c = _text[index];
        return !IsWhitespace(c) && !Forbidden.Contains(c, StringComparison.Ordinal)
            && !(c == '/' && index + 1 < _text.Length && _text[index + 1] == '/');
    }

    // A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? ; what follows it is lexed separately,
    // so 10.0foo is the number 10.0 then the unquoted text foo, as the spec requires.
    private void LexNumber()
    {
        var end = _position;
        if (_text[end] == '-')
            end++;
        if (_text[end] == '0')
            end++;
        else
            end = SkipDigits(end);
        if (end + 1 < _text.Length && _text[end] == '.' && IsDigit(_text[end + 1]))
            end = SkipDigits(end + 1);
        if (end < _text.Length && _text[end] is 'e' or 'E')
        {
            var exponent = end + 1;
            if (exponent < _text.Length && _text[exponent] is '+' or '-')
                exponent++;
            if (exponent < _text.Length && IsDigit(_text[exponent]))
                end = SkipDigits(exponent);
        }
        Emit(TokenKind.Number, _text[_position..end], end - _position);
    }

    private int SkipDigits(int index)
    {
        while (index < _text.Length && IsDigit(_text[index]))
            index++;
        return index;
    }

    private void LexWhitespace()
    {
        var end = _position;
        while (end < _text.Length && _text[end] != '\n' && IsWhitespace(_text[end]))
            end++;
        Emit(TokenKind.Whitespace, _text[_position..end], end - _position);
    }

    private void SkipComment()
    {
        while (_position < _text.Length && _text[_position] != '\n')
            _position++;
    }

    private void Emit(TokenKind kind, string text, int length)
    {
        _tokens.Add(new Token(kind, text, _line, Column));
        _position += length;
    }

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    /// <summary>Whitespace as the spec defines it: Unicode separators, ASCII controls 9–13 and 28–31, and the BOM.</summary>
    public static bool IsWhitespace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or (>= '\u001C' and <= '\u001F') or '\uFEFF' => true,
        _ => char.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator,
    };

    private ConfigException Error(string reason) => new(reason, new ConfigOrigin(_file, _line, Column));
}
