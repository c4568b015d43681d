using System.Globalization;
using System.Text;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class Lexer
{
    private void LexQuotedString()
    {
        var line = _line;
        var column = Column;
        var builder = new StringBuilder();
        var index = _position + 1;
        while (true)
        {
            if (index >= _text.Length)
                throw ErrorAt(line, column, "unterminated quoted string: expected a closing '\"'");
            var c = _text[index];
            if (c == '"')
                break;
            if (c < ' ')
            {
                throw ErrorAt(_line, index - _lineStart + 1,
                    $"control character U+{(int)c:X4} is not allowed in a quoted string (escape it, or use a \"\"\" string)");
            }
            if (c == '\\')
            {
                index = ReadEscape(index, builder);
                continue;
            }
            builder.Append(c);
            index++;
        }
        _tokens.Add(new Token(TokenKind.QuotedString, builder.ToString(), line, column));
        _position = index + 1;
    }

    private int ReadEscape(int index, StringBuilder builder)
    {
        var escapeColumn = index - _lineStart + 1;
        if (index + 1 >= _text.Length)
            throw ErrorAt(_line, escapeColumn, "unterminated escape sequence at end of input");
        var code = _text[index + 1];
        switch (code)
        {
            case '"': builder.Append('"'); break;
            case '\\': builder.Append('\\'); break;
            case '/': builder.Append('/'); break;
            case 'b': builder.Append('\b'); break;
            case 'f': builder.Append('\f'); break;
            case 'n': builder.Append('\n'); break;
            case 'r': builder.Append('\r'); break;
            case 't': builder.Append('\t'); break;
            case 'u':
                if (index + 6 > _text.Length || !ushort.TryParse(_text.AsSpan(index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
                    throw ErrorAt(_line, escapeColumn, "expected four hex digits after '\\u'");
                builder.Append((char)unit);
                return index + 6;
            default:
                throw ErrorAt(_line, escapeColumn,
                    $"invalid escape '\\{code}': expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
        return index + 2;
    }

    // Everything up to the first run of three or more quotes is the string, unmodified; quotes beyond
    // the closing three belong to the string (as in Scala): """foo"""" is foo".
    private void LexMultilineString()
    {
        var line = _line;
        var column = Column;
        var start = _position + 3;
        var close = _text.IndexOf("\"\"\"", start, StringComparison.Ordinal);
        if (close < 0)
            throw ErrorAt(line, column, "unterminated multi-line string: expected a closing '\"\"\"'");
        var end = close + 3;
        while (end < _text.Length && _text[end] == '"')
            end++;
        _tokens.Add(new Token(TokenKind.MultilineString, _text[start..(end - 3)], line, column));
        CountLines(start, end);
        _position = end;
    }

    private void CountLines(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        }
    }

    private ConfigException ErrorAt(int line, int column, string reason) => new(reason, new ConfigOrigin(_file, line, column));
}
