namespace ActorBroker.Hocon.Tests;

public class ErrorPositionTests
{
    [Theory]
    [InlineData("a {\n  x = 1\n  y ]\n}", 3, 5, "expected '=', ':' or '{' after key 'y', found ']'")]
    [InlineData("a = 1\nb = ", 2, 5, "expected a value for key 'b', found end of file")]
    [InlineData("a = 1\nb = \n", 3, 1, "expected a value for key 'b', found end of file")]
    [InlineData("a = [1, 2", 1, 10, "expected ']' to close the array opened at 1:5, found end of file")]
    [InlineData("a {\n  b = 1\n", 3, 1, "expected '}' to close the object opened at 1:3, found end of file")]
    [InlineData("a = 1\n}", 2, 1, "unbalanced '}'")]
    [InlineData("a = [1,,2]", 1, 8, "expected a value or ']', found ','")]
    [InlineData("a = [,1]", 1, 6, "expected a value or ']', found ','")]
    [InlineData("a = 1,,\nb = 2", 1, 7, "expected a key, found ','")]
    [InlineData("a = \"unterminated\nb = 2", 1, 18, "control character U+000A")]
    [InlineData("a = \"x\n", 1, 7, "control character")]
    [InlineData("a = \"abc", 1, 5, "unterminated quoted string")]
    [InlineData("a = \"\"\"abc\n\n", 1, 5, "unterminated multi-line string")]
    [InlineData("a = \"bad \\q escape\"", 1, 10, "invalid escape '\\q'")]
    [InlineData("a = \"\\u12\"", 1, 6, "expected four hex digits")]
    [InlineData("a = 1 b : 2", 1, 9, "expected ',' or newline after the value of key 'a', found ':'")]
    [InlineData("url = http://host", 1, 11, "expected ',' or newline after the value of key 'url', found ':'")]
    [InlineData("a = ${b", 1, 8, "expected '}' to close the substitution opened at 1:5, found end of file")]
    [InlineData("a = ${}", 1, 7, "expected a path in the substitution, found '}'")]
    [InlineData("a = ${ ?b }", 1, 8, "reserved character '?'")]
    [InlineData("[1, 2]", 1, 1, "the root of a config must be an object, found an array")]
    [InlineData("{ a = 1 } b = 2", 1, 11, "expected end of file after the root object")]
    [InlineData("\n\n   = 1", 3, 4, "expected a key, found '='")]
    [InlineData("include", 1, 8, "expected a quoted file name")]
    [InlineData("x = [1] {a:1}", 1, 9, "cannot concatenate an object with an array")]
    public void Malformed_input_reports_file_line_column_and_what_was_expected(string hocon, int line, int column, string message)
    {
        var error = Hocon.ParseError(hocon);
        Assert.Equal(("test.conf", line, column), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"test.conf:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_an_error_not_a_stack_overflow()
    {
        var deep = "a = " + new string('[', 100_000);
        Assert.Contains("nested deeper", Hocon.ParseError(deep).Message, StringComparison.Ordinal);
        var deepObjects = string.Concat(Enumerable.Repeat("a {", 100_000));
        Assert.Contains("nested deeper", Hocon.ParseError(deepObjects).Message, StringComparison.Ordinal);
        var deepKey = string.Join('.', Enumerable.Repeat("a", 100_000)) + " = 1";
        Assert.Contains("nested deeper", Hocon.ParseError(deepKey).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_chain_of_substitutions_is_an_error_not_a_stack_overflow()
    {
        var chain = string.Join('\n', Enumerable.Range(0, 50_000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk50000 = end";
        Assert.Contains("nested too deeply", Hocon.ParseError(chain).Message, StringComparison.Ordinal);
    }
}
