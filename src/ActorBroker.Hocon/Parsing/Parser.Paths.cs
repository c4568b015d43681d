using System.Text;

namespace ActorBroker.Hocon.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// A path expression: simple values on one line, concatenated. Dots outside quotes separate elements
    /// (also the dots of numbers, so <c>3.14</c> is two elements); whitespace between values is kept.
    /// </summary>
    private List<string> ReadPath(Token start, string what)
    {
        if (!start.IsSimpleValue)
            throw Error(start, $"expected {what}, found {start.Describe()}");
        var elements = new List<string>();
        var element = new StringBuilder();
        var quoted = false;
        var text = new StringBuilder();
        Token? pendingSpace = null;
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingSpace = Advance();
                continue;
            }
            if (!token.IsSimpleValue)
                break;
            Advance();
            if (pendingSpace is { } space)
            {
                element.Append(space.Text);
                text.Append(space.Text);
                pendingSpace = null;
            }
            if (token.Kind is TokenKind.QuotedString or TokenKind.MultilineString)
            {
                element.Append(token.Text);
                text.Append('"').Append(token.Text).Append('"');
                quoted = true;
                continue;
            }
            text.Append(token.Text);
            var pieces = token.Text.Split('.');
            element.Append(pieces[0]);
            for (var i = 1; i < pieces.Length; i++)
            {
                CloseElement(start, elements, element, ref quoted, text);
                element.Append(pieces[i]);
            }
        }
        CloseElement(start, elements, element, ref quoted, text);
        return elements;
    }

    private void CloseElement(Token start, List<string> elements, StringBuilder element, ref bool quoted, StringBuilder text)
    {
        if (element.Length == 0 && !quoted)
        {
            throw Error(start,
                $"path '{text}' has an empty element (a leading, trailing or doubled '.'); write \"\" for an empty key");
        }
        elements.Add(element.ToString());
        element.Clear();
        quoted = false;
    }
}
