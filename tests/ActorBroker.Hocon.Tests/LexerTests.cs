using ActorBroker.Hocon.Parsing;

namespace ActorBroker.Hocon.Tests;

public class LexerTests
{
    private static List<(TokenKind Kind, string Text)> Lex(string text) =>
        Lexer.Tokenize(text, "lex.conf").Select(t => (t.Kind, t.Text)).ToList();

    [Theory]
    [InlineData("truefoo", "True Unquoted End")]
    [InlineData("footrue", "Unquoted End")]
    [InlineData("10.0foo", "Number Unquoted End")]
    [InlineData("1.2.3", "Number Unquoted End")]
    [InlineData("-5", "Number End")]
    [InlineData("a += b", "Unquoted Whitespace PlusEquals Whitespace Unquoted End")]
    [InlineData("${a}${?b}", "SubstitutionStart Unquoted CloseBrace OptionalSubstitutionStart Unquoted CloseBrace End")]
    [InlineData("a // c\nb # c", "Unquoted Whitespace Newline Unquoted Whitespace End")]
    [InlineData("{}[],:=", "OpenBrace CloseBrace OpenBracket CloseBracket Comma Colon Equals End")]
    [InlineData("\"q\"\"\"\"m\"\"\"", "QuotedString MultilineString End")]
    [InlineData("null nullx", "Null Whitespace Null Unquoted End")]
    public void Tokens_follow_the_spec_for_keywords_numbers_and_unquoted_text(string text, string kinds) =>
        Assert.Equal(kinds, string.Join(' ', Lex(text).Select(t => t.Kind)));

    [Fact]
    public void Tokens_carry_their_line_and_column()
    {
        var tokens = Lexer.Tokenize("a = 1\n  b : \"x\"\n\"\"\"m\nl\"\"\" c", "lex.conf").Where(t => !t.IsSpace).ToList();
        Assert.Equal(
            [(1, 1), (1, 3), (1, 5), (2, 3), (2, 5), (2, 7), (3, 1), (4, 6), (4, 7)],
            tokens.Select(t => (t.Line, t.Column)));
    }

    [Fact]
    public void Numbers_keep_the_text_they_were_written_with() =>
        Assert.Equal(["1e5", "-0.50", "2E-3"], Lex("1e5 -0.50 2E-3").Where(t => t.Kind == TokenKind.Number).Select(t => t.Text));
}
