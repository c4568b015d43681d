namespace ActorBroker.Hocon.Tests;

public class SyntaxTests
{
    [Theory]
    [InlineData("a = 1", """{"a":1}""")]
    [InlineData("a : 1", """{"a":1}""")]
    [InlineData("a { b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a={b=1}", """{"a":{"b":1}}""")]
    [InlineData("{ a = 1 }", """{"a":1}""")]
    [InlineData("", "{}")]
    [InlineData("# only a comment", "{}")]
    [InlineData("a = 1, b = 2", """{"a":1,"b":2}""")]
    [InlineData("a = 1\nb = 2", """{"a":1,"b":2}""")]
    [InlineData("a = 1,\nb = 2,", """{"a":1,"b":2}""")]
    [InlineData("a = [1,2,3,]", """{"a":[1,2,3]}""")]
    [InlineData("a = [1\n2\n3]", """{"a":[1,2,3]}""")]
    [InlineData("a = [\n  1,\n  2\n]", """{"a":[1,2]}""")]
    [InlineData("a = []", """{"a":[]}""")]
    [InlineData("a = {}", """{"a":{}}""")]
    [InlineData("a = [[1,2],[3]]", """{"a":[[1,2],[3]]}""")]
    [InlineData("a = [{x=1},{y=2}]", """{"a":[{"x":1},{"y":2}]}""")]
    [InlineData("a = true, b = false, c = null", """{"a":true,"b":false,"c":null}""")]
    [InlineData("a = -1.5e3, b = 0, c = 42", """{"a":-1500,"b":0,"c":42}""")]
    [InlineData("a = 1.50", """{"a":1.50}""")]
    public void Objects_arrays_and_separators_parse_as_the_spec_describes(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Theory]
    [InlineData("# hash\na = 1", """{"a":1}""")]
    [InlineData("// slashes\na = 1", """{"a":1}""")]
    [InlineData("a = 1 # after value", """{"a":1}""")]
    [InlineData("a = 1 // after value", """{"a":1}""")]
    [InlineData("a = 1// no space", """{"a":1}""")]
    [InlineData("a { # after brace\n b = 1 // in object\n} // after close", """{"a":{"b":1}}""")]
    [InlineData("a = [ # after bracket\n 1, // after element\n 2 # last\n ]", """{"a":[1,2]}""")]
    [InlineData("a = # between separator and value\n 1", """{"a":1}""")]
    [InlineData("a = \"# not a comment\"", """{"a":"# not a comment"}""")]
    [InlineData("a = \"// not a comment\"", """{"a":"// not a comment"}""")]
    [InlineData("a = http:x", null)]
    public void Comments_are_ignored_in_every_position_but_inside_quotes(string hocon, string? json)
    {
        if (json is null)
            Hocon.ParseError(hocon);
        else
            Hocon.AssertJson(hocon, json);
    }

    [Theory]
    [InlineData("""a = "q\"b\\c\/d" """, "q\"b\\c/d")]
    [InlineData("""a = "\b\f\n\r\t" """, "\b\f\n\r\t")]
    [InlineData("""a = "\u00e9\u4e2d" """, "é中")]
    [InlineData("a = \"\"", "")]
    [InlineData("a = \"\"\"multi\nline\"\"\"", "multi\nline")]
    [InlineData("a = \"\"\"no \\n escapes \\u0041\"\"\"", "no \\n escapes \\u0041")]
    [InlineData("a = \"\"\"has \"quotes\" inside\"\"\"", "has \"quotes\" inside")]
    [InlineData("a = \"\"\"foo\"\"\"\"", "foo\"")]
    [InlineData("a = \"\"\"foo\"\"\"\"\"", "foo\"\"")]
    [InlineData("a = \"\"\"  keeps  whitespace \n\"\"\"", "  keeps  whitespace \n")]
    public void Quoted_and_triple_quoted_strings_decode_as_the_spec_says(string hocon, string expected) =>
        Assert.Equal(expected, ConfigFactory.ParseString(hocon).GetString("a"));

    [Theory]
    [InlineData("a = foo", "foo")]
    [InlineData("a = foo.bar-baz_1/x", "foo.bar-baz_1/x")]
    [InlineData("a = /usr/local/bin", "/usr/local/bin")]
    [InlineData("a = truefoo", "truefoo")]
    [InlineData("a = footrue", "footrue")]
    [InlineData("a = 10.0bar", "10.0bar")]
    [InlineData("a = bar10.0", "bar10.0")]
    [InlineData("a = include", "include")]
    [InlineData("a = foo(bar)", "foo(bar)")]
    [InlineData("a = ~%|<>;'", "~%|<>;'")]
    [InlineData("a = é中文", "é中文")]
    [InlineData("a = foo//comment", "foo")]
    [InlineData("a = -foo", "-foo")]
    public void Unquoted_strings_run_until_a_reserved_character_whitespace_or_comment(string hocon, string expected) =>
        Assert.Equal(expected, ConfigFactory.ParseString(hocon).GetString("a"));

    [Theory]
    [InlineData("a = x$y", '$')]
    [InlineData("a = x`y", '`')]
    [InlineData("a = x^y", '^')]
    [InlineData("a = x?y", '?')]
    [InlineData("a = x!y", '!')]
    [InlineData("a = x@y", '@')]
    [InlineData("a = x*y", '*')]
    [InlineData("a = x&y", '&')]
    [InlineData("a = x\\y", '\\')]
    [InlineData("a = x+y", '+')]
    public void Reserved_characters_outside_quotes_are_errors_that_name_the_character(string hocon, char reserved)
    {
        var error = Hocon.ParseError(hocon);
        Assert.Contains($"reserved character '{reserved}'", error.Message, StringComparison.Ordinal);
        Assert.Equal((1, 6), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("a = [1, 2, 3]", "[1,2,3]")]
    [InlineData("a = [ 1 2 3 4 ]", "[\"1 2 3 4\"]")]
    [InlineData("a = [ [ 1, 2 ] [ 3, 4 ] ]", "[[1,2,3,4]]")]
    [InlineData("a = [ [ 1, 2 ]\n [ 3, 4 ] ]", "[[1,2],[3,4]]")]
    public void Whitespace_in_arrays_concatenates_and_newlines_separate(string hocon, string array) =>
        Hocon.AssertJson(hocon, $$"""{"a":{{array}}}""");

    [Theory]
    [InlineData("a\u00A0=\u00A01", """{"a":1}""")]
    [InlineData("\uFEFFa = 1", """{"a":1}""")]
    [InlineData("a\t=\t1\r\nb = 2\r\n", """{"a":1,"b":2}""")]
    [InlineData("a = 1\u2028", """{"a":1}""")]
    public void Unicode_separators_the_BOM_and_CRLF_count_as_whitespace(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Fact]
    public void A_value_keeps_the_text_of_a_number_written_in_the_file()
    {
        var config = ConfigFactory.ParseString("a = 1e5, b = 1E5 x");
        Assert.Equal("1e5", config.GetString("a"));
        Assert.Equal("1E5 x", config.GetString("b"));
        Assert.Equal(100000, config.GetLong("a"));
    }
}
