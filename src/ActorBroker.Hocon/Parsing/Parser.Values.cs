using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Resolution;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// A field value or array element: one value, or several on one line concatenated, with the
    /// whitespace between them kept as separators.
    /// </summary>
    /// <remarks>
    /// <paramref name="valuePath"/> is the path objects in this value will have (null inside arrays);
    /// <paramref name="owner"/> names what the value belongs to in messages (<c>key 'a.b'</c>).
    /// </remarks>
    private HoconNode ParseValue(IReadOnlyList<string>? valuePath, string owner)
    {
        var first = Current;
        var parts = new List<HoconNode>();
        Token? pendingSpace = null;
        var hasSubstitution = false;
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingSpace = Advance();
                continue;
            }
            var part = ParsePart(token, valuePath);
            if (part is null)
                break;
            if (pendingSpace is { } space && parts.Count > 0)
                parts.Add(HoconScalar.Separator(space.Text, Origin(space)));
            pendingSpace = null;
            hasSubstitution |= part is HoconSubstitution;
            parts.Add(part);
        }
        if (parts.Count == 0)
            throw Error(first, $"expected a value for {owner}, found {first.Describe()}{ReservedHint(first)}");
        if (parts.Count == 1)
            return parts[0];
        var origin = Origin(first);
        return hasSubstitution ? new HoconConcatenation(parts, origin) : Concatenation.Combine(parts, origin)!;
    }

    private HoconNode? ParsePart(Token token, IReadOnlyList<string>? valuePath)
    {
        var origin = Origin(token);
        switch (token.Kind)
        {
            case TokenKind.QuotedString or TokenKind.MultilineString or TokenKind.Unquoted:
                Advance();
                return HoconScalar.String(token.Text, origin);
            case TokenKind.Number:
                Advance();
                return HoconScalar.Number(token.Text, origin);
            case TokenKind.True or TokenKind.False:
                Advance();
                return HoconScalar.Boolean(token.Kind == TokenKind.True, origin);
            case TokenKind.Null:
                Advance();
                return HoconScalar.Null(origin);
            case TokenKind.OpenBrace:
                Advance();
                return ParseFields(token, valuePath, braced: true);
            case TokenKind.OpenBracket:
                return ParseArray();
            case TokenKind.SubstitutionStart or TokenKind.OptionalSubstitutionStart:
                return ParseSubstitution();
            default:
                return null;
        }
    }

    private HoconArray ParseArray()
    {
        var open = Advance();
        Enter(open);
        var items = new List<HoconNode>();
        while (true)
        {
            SkipSpace();
            var token = Current;
            if (token.Kind == TokenKind.CloseBracket)
                break;
            if (token.Kind == TokenKind.End)
                throw Error(token, $"expected ']' to close the array opened at {open.Line}:{open.Column}, found end of file");
            if (token.Kind == TokenKind.Comma)
                throw Error(token, "expected a value or ']', found ',' (a comma may only follow an element, once)");
            items.Add(ParseValue(null, "array element"));
            SkipWhitespace();
            token = Current;
            if (token.Kind == TokenKind.Comma)
                Advance();
            else if (token.Kind is not (TokenKind.Newline or TokenKind.CloseBracket or TokenKind.End))
                throw Error(token, $"expected ',', newline or ']' after an array element, found {token.Describe()}{ReservedHint(token)}");
        }
        Advance();
        _depth--;
        return new HoconArray(items, Origin(open));
    }

    private HoconSubstitution ParseSubstitution()
    {
        var open = Advance();
        SkipWhitespace();
        var path = ReadPath(Current, "a path in the substitution");
        SkipWhitespace();
        if (Current.Kind != TokenKind.CloseBrace)
            throw Error(Current, $"expected '}}' to close the substitution opened at {open.Line}:{open.Column}, found {Current.Describe()}");
        Advance();
        return new HoconSubstitution(path, _substitutionPrefix, open.Kind == TokenKind.OptionalSubstitutionStart, Origin(open));
    }
}
