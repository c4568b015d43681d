namespace ActorBroker.Hocon.Tests;

/// <summary>What may stand between a key and its '=', ':', '+=' or '{', and what is still an error.</summary>
public class KeySeparatorTests
{
    [Theory]
    [InlineData("a\n= 1", """{"a":1}""")]
    [InlineData("a\n: 1", """{"a":1}""")]
    [InlineData("a\n{ b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a\n\n\n= 1", """{"a":1}""")]
    [InlineData("a\r\n= 1", """{"a":1}""")]
    [InlineData("a\n=\n1", """{"a":1}""")]
    [InlineData("a # why\n= 1", """{"a":1}""")]
    [InlineData("a // why\n: 1", """{"a":1}""")]
    [InlineData("a\n# one\n  // two\n\n{ b = 1 }", """{"a":{"b":1}}""")]
    [InlineData("a.b.c\n= 1", """{"a":{"b":{"c":1}}}""")]
    [InlineData("a.b # why\n{ c = 1 }", """{"a":{"b":{"c":1}}}""")]
    [InlineData("\"a.b\"\n= 1", """{"a.b":1}""")]
    [InlineData("\"a\".\"b\" // why\n: 1", """{"a":{"b":1}}""")]
    [InlineData("a b\n= 1", """{"a b":1}""")]
    [InlineData("x {\n  a\n  = 1\n}", """{"x":{"a":1}}""")]
    [InlineData("a = [1]\na\n+= 2", """{"a":[1,2]}""")]
    [InlineData("a\n{ b = 1 }\na\n{ c = 2 }", """{"a":{"b":1,"c":2}}""")]
    [InlineData("{\n  \"a\"\n  :\n  1\n}", """{"a":1}""")]
    public void Newlines_and_comments_may_stand_between_a_key_and_its_separator_as_in_Lightbends_parser(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Fact]
    public void A_key_then_a_newline_then_an_object_is_the_key_with_that_object_as_if_written_on_one_line()
    {
        var oneLine = Hocon.ToJson("a { b = 1 }");
        Assert.Equal(oneLine, Hocon.ToJson("a\n{ b = 1 }"));
        Assert.Equal(oneLine, Hocon.ToJson("a\n= { b = 1 }"));
    }

    [Theory]
    [InlineData("a\nb = 1", 2, 1, "expected '=', ':' or '{' after key 'a' at 1:1, found 'b'")]
    [InlineData("a\n\"b\" = 1", 2, 1, "expected '=', ':' or '{' after key 'a' at 1:1, found string \"b\"")]
    [InlineData("a # no value\nb.c { }", 2, 1, "expected '=', ':' or '{' after key 'a' at 1:1, found 'b.c'")]
    [InlineData("a\n", 2, 1, "expected '=', ':' or '{' after key 'a' at 1:1, found end of file")]
    [InlineData("x {\n  a\n}", 3, 1, "expected '=', ':' or '{' after key 'a' at 2:3, found '}'")]
    [InlineData("a\n, b = 1", 2, 1, "expected '=', ':' or '{' after key 'a' at 1:1, found ','")]
    [InlineData("a\n[1]", 2, 1, "expected '=', ':' or '{' after key 'a' at 1:1, found '['")]
    [InlineData("a.b\n.c = 1", 2, 1, "expected '=', ':' or '{' after key 'a.b' at 1:1, found '.c'")]
    [InlineData("a ]", 1, 3, "expected '=', ':' or '{' after key 'a', found ']'")]
    public void A_key_followed_on_a_later_line_by_anything_but_a_separator_is_an_error_naming_the_key_and_its_line(
        string hocon, int line, int column, string reason)
    {
        var error = Hocon.ParseError(hocon);
        Assert.Equal(("test.conf", line, column), (error.File, error.Line, error.Column));
        Assert.Equal(reason, error.Reason);
    }
}
