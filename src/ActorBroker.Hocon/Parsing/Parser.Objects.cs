using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class Parser
{
    // open: the '{' (or the first token of an unbraced root), for origins and messages.
    // objectPath: the path of this object from the document root; null inside arrays.
    private HoconObject ParseFields(Token open, IReadOnlyList<string>? objectPath, bool braced)
    {
        Enter(open);
        var fields = new OrderedDictionary<string, HoconNode>();
        while (true)
        {
            SkipSpace();
            var token = Current;
            if (token.Kind == (braced ? TokenKind.CloseBrace : TokenKind.End))
                break;
            if (token.Kind == TokenKind.End)
                throw Error(token, $"expected '}}' to close the object opened at {open.Line}:{open.Column}, found end of file");
            if (token.Kind == TokenKind.CloseBrace)
                throw Error(token, "unbalanced '}': there is no '{' to close");
            if (token.Kind == TokenKind.Comma)
                throw Error(token, "expected a key, found ',' (a comma may only follow a field, once)");
            var key = token.Kind == TokenKind.Unquoted && token.Text == "include"
                ? ParseInclude(fields, objectPath)
                : ParseField(fields, objectPath);
            ExpectFieldEnd(key);
        }
        if (braced)
            Advance();
        _depth--;
        return new HoconObject(fields, Origin(open));
    }

    private void ExpectFieldEnd(string key)
    {
        SkipWhitespace();
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Comma:
                Advance();
                return;
            case TokenKind.Newline or TokenKind.CloseBrace or TokenKind.End:
                // A closing token that does not match this object is reported by the field loop.
                return;
            default:
                throw Error(token, $"expected ',' or newline after the value of {key}, found {token.Describe()}{ReservedHint(token)}");
        }
    }

    private string ParseField(OrderedDictionary<string, HoconNode> fields, IReadOnlyList<string>? objectPath)
    {
        var keyToken = Current;
        var path = ReadPath(keyToken, "a key");
        if (_depth + path.Count > ParseLimits.MaxDepth)
            throw Error(keyToken, ParseLimits.TooDeep);
        var key = $"key '{ConfigPath.Render(path)}'";
        // Newlines and comments may stand between a key and its separator, as whitespace may between a JSON
        // key and its ':' (HOCON is a superset of JSON) and as Lightbend's parser allows; the key itself
        // ends with its line.
        SkipSpace();
        var separator = Current;
        IReadOnlyList<string>? valuePath = objectPath is null ? null : [.. objectPath, .. path];
        HoconNode value;
        switch (separator.Kind)
        {
            case TokenKind.Colon or TokenKind.Equals:
                Advance();
                SkipSpace();
                value = ParseValue(valuePath, key);
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(valuePath, key);
                break;
            case TokenKind.PlusEquals:
                Advance();
                SkipSpace();
                value = AppendTo(separator, valuePath, ParseValue(null, key));
                break;
            default:
                throw Error(separator, $"expected '=', ':' or '{{' after {key}{KeyPositionWhenOnEarlierLine(keyToken, separator)}, found {separator.Describe()}");
        }
        NodeMerger.SetPath(fields, path, value);
        return key;
    }

    // a += b is a = ${?a} [b], as the spec defines it.
    private HoconConcatenation AppendTo(Token at, IReadOnlyList<string>? valuePath, HoconNode element)
    {
        if (valuePath is null)
            throw Error(at, "'+=' is not supported in an object inside an array: it has no path to append to");
        var origin = Origin(at);
        var previous = new HoconSubstitution(valuePath, _substitutionPrefix, optional: true, origin);
        return new HoconConcatenation([previous, new HoconArray([element], element.Origin)], origin);
    }

    // Once newlines stand between them, the token found is no longer next to the key it was expected after.
    private static string KeyPositionWhenOnEarlierLine(Token key, Token found) =>
        found.Line == key.Line ? "" : $" at {key.Line}:{key.Column}";

    private static string ReservedHint(Token token) => token.Kind is TokenKind.Colon or TokenKind.Equals
        ? " (put a value containing ':' or '=' in double quotes)"
        : "";
}
