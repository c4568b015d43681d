namespace ActorBroker.Hocon.Tests;

public class MergingTests
{
    [Theory]
    [InlineData("foo { a = 42 }\nfoo { b = 43 }", """{"foo":{"a":42,"b":43}}""")]
    [InlineData("a.b = 1\na { c = 2 }", """{"a":{"b":1,"c":2}}""")]
    [InlineData("a { c = 2 }\na.b = 1", """{"a":{"c":2,"b":1}}""")]
    [InlineData("a { x { p = 1 } }\na { x { q = 2 } }", """{"a":{"x":{"p":1,"q":2}}}""")]
    [InlineData("a = 1\na = 2", """{"a":2}""")]
    [InlineData("a = { x = 1 }\na = 5", """{"a":5}""")]
    [InlineData("a = 5\na = { x = 1 }", """{"a":{"x":1}}""")]
    [InlineData("foo { a = 42 }\nfoo = null\nfoo { b = 43 }", """{"foo":{"b":43}}""")]
    [InlineData("a = [1]\na = [2]", """{"a":[2]}""")]
    [InlineData("a { x = 1, y = 2 }\na { x = 3 }", """{"a":{"x":3,"y":2}}""")]
    [InlineData("b = 1\na = 1\nb = 2", """{"b":2,"a":1}""")]
    public void Later_keys_merge_into_earlier_objects_and_replace_other_values(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Fact]
    public void With_fallback_fills_missing_settings_and_merges_objects()
    {
        var user = ConfigFactory.ParseString("a { x = 1 }, b = 2");
        var defaults = ConfigFactory.ParseString("a { x = 9, y = 8 }, b = 7, c = 6");
        Assert.Equal(Hocon.Normalize("""{"a":{"x":1,"y":8},"b":2,"c":6}"""), user.WithFallback(defaults).ToJson(indented: false));
    }

    [Fact]
    public void With_fallback_never_merges_objects_hidden_behind_a_non_object()
    {
        var first = ConfigFactory.ParseString("a { x = 1 }");
        var second = ConfigFactory.ParseString("a = 42");
        var third = ConfigFactory.ParseString("a { y = 2 }");
        Assert.Equal("""{"a":{"x":1}}""", first.WithFallback(second).WithFallback(third).ToJson(indented: false));
        Assert.Equal("""{"a":{"y":2,"x":1}}""", first.WithFallback(third).WithFallback(second).ToJson(indented: false));
    }
}
