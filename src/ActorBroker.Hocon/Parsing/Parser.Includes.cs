using System.Text;
using ActorBroker.Hocon.Model;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class Parser
{
    private string ParseInclude(OrderedDictionary<string, HoconNode> fields, IReadOnlyList<string>? objectPath)
    {
        var include = Advance();
        var request = ReadIncludeRequest(include);
        IReadOnlyList<string> prefix = objectPath is null ? _substitutionPrefix : [.. _substitutionPrefix, .. objectPath];
        var included = _includes!.Load(request, prefix);
        // The included keys stand where the include statement is: they merge over earlier keys, and later keys merge over them.
        foreach (var (key, value) in included.Fields)
            fields[key] = NodeMerger.Merge(value, fields.GetValueOrDefault(key));
        return $"include \"{request.Name}\"";
    }

    // include "name" | include file("name") | include required("name") | include required(file("name"));
    // the lexer reads "required(file(" as unquoted text because '(' is not reserved, so the wrappers are
    // recognised from the unquoted text around the one quoted string.
    private IncludeRequest ReadIncludeRequest(Token include)
    {
        var opening = new StringBuilder();
        while (true)
        {
            SkipSpace();
            var token = Current;
            if (token.Kind == TokenKind.QuotedString)
                break;
            if (token.Kind != TokenKind.Unquoted)
                throw Error(token, $"expected a quoted file name, file(\"...\") or required(...) after 'include', found {token.Describe()}");
            opening.Append(Advance().Text);
        }
        var nameToken = Advance();
        var wrappers = opening.ToString().Split('(');
        var required = wrappers.Length > 1 && wrappers[0] == "required";
        var kind = wrappers.Length > 1 ? wrappers[required ? 1 : 0] : "";
        var expected = required ? (kind.Length > 0 ? 3 : 2) : (kind.Length > 0 ? 2 : 1);
        if (wrappers.Length != expected || wrappers[^1].Length != 0 || kind is not ("" or "file" or "url" or "classpath"))
            throw Error(include, $"expected a quoted file name, file(\"...\") or required(...) after 'include', found '{opening}'");
        ReadClosingParentheses(include, wrappers.Length - 1);
        if (kind is "url" or "classpath")
            throw Error(include, $"{kind}(...) includes are not supported: only files can be included");
        return new IncludeRequest(nameToken.Text, required, Origin(include), _file);
    }

    private void ReadClosingParentheses(Token include, int count)
    {
        while (count > 0)
        {
            SkipSpace();
            var token = Current;
            if (token.Kind != TokenKind.Unquoted || token.Text.Length > count || token.Text.Any(c => c != ')'))
                throw Error(token, $"expected ')' to close the include at {include.Line}:{include.Column}, found {token.Describe()}");
            count -= Advance().Text.Length;
        }
    }
}
