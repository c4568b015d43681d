namespace ActorBroker.Hocon.Tests;

public class PathExpressionTests
{
    [Theory]
    [InlineData("a.b.c = 1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("a.b.c : 1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("a.b { c = 1 }", """{"a":{"b":{"c":1}}}""")]
    [InlineData("\"a.b\" = 1", """{"a.b":1}""")]
    [InlineData("a.\"b.c\".d = 1", """{"a":{"b.c":{"d":1}}}""")]
    [InlineData("a.\"\".b = 1", """{"a":{"":{"b":1}}}""")]
    [InlineData("foo\"10.0\" = 1", """{"foo10.0":1}""")]
    [InlineData("10.0foo = 1", """{"10":{"0foo":1}}""")]
    [InlineData("foo10.0 = 1", """{"foo10":{"0":1}}""")]
    [InlineData("1.2.3 = 1", """{"1":{"2":{"3":1}}}""")]
    [InlineData("3 = 42", """{"3":42}""")]
    [InlineData("3.14 = 42", """{"3":{"14":42}}""")]
    [InlineData("true = 42", """{"true":42}""")]
    [InlineData("null = 42", """{"null":42}""")]
    [InlineData("a b c = 42", """{"a b c":42}""")]
    [InlineData("foo include = 42", """{"foo include":42}""")]
    [InlineData("\"include\" = 42", """{"include":42}""")]
    [InlineData("a.x = 42, a.y = 43", """{"a":{"x":42,"y":43}}""")]
    [InlineData("servers.0 = a\nservers.1 = b", """{"servers":{"0":"a","1":"b"}}""")]
    public void Keys_are_path_expressions_that_expand_into_nested_objects(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Theory]
    [InlineData("a..b = 1")]
    [InlineData(".a = 1")]
    [InlineData("a. = 1")]
    [InlineData("x = ${a..b}")]
    [InlineData("x = ${.a}")]
    public void Empty_path_elements_must_be_quoted(string hocon) =>
        Assert.Contains("empty element", Hocon.ParseError(hocon).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("a.b.c", new[] { "a", "b", "c" })]
    [InlineData("a.\"b.c\"", new[] { "a", "b.c" })]
    [InlineData("1.2", new[] { "1", "2" })]
    [InlineData("a-b.c_d", new[] { "a-b", "c_d" })]
    public void Getter_paths_use_the_same_syntax(string path, string[] elements) =>
        Assert.Equal(elements, ConfigPath.Parse(path));

    [Fact]
    public void A_quoted_key_with_dots_is_read_back_with_a_quoted_path()
    {
        var config = ConfigFactory.ParseString("a { \"b.c\" = 1, b.c = 2 }");
        Assert.Equal(1, config.GetInt("a.\"b.c\""));
        Assert.Equal(2, config.GetInt("a.b.c"));
    }
}
