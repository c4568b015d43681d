namespace ActorBroker.Hocon.Tests;

public class ConcatenationTests
{
    [Theory]
    [InlineData("a = foo bar   baz", "foo bar   baz")]
    [InlineData("a =   foo bar   ", "foo bar")]
    [InlineData("a = foo \"bar\" baz", "foo bar baz")]
    [InlineData("a = \"foo\"\"bar\"", "foobar")]
    [InlineData("a = true foo", "true foo")]
    [InlineData("a = null x", "null x")]
    [InlineData("a = 1 2 3", "1 2 3")]
    [InlineData("a = 10s", "10s")]
    [InlineData("a = 500 ms", "500 ms")]
    [InlineData("a = 1e5 x", "1e5 x")]
    [InlineData("x = world, a = hello ${x}!", null)]
    [InlineData("x = world, a = hello ${x}", "hello world")]
    [InlineData("x = 42, a = ${x}\" is the answer\"", "42 is the answer")]
    [InlineData("x = true, a = ${x}${x}", "truetrue")]
    public void Simple_values_on_one_line_join_into_a_string_keeping_inner_whitespace(string hocon, string? expected)
    {
        if (expected is null)
            Hocon.ParseError(hocon);
        else
            Assert.Equal(expected, ConfigFactory.ParseString(hocon).GetString("a"));
    }

    [Theory]
    [InlineData("a = {x:1} {y:2}", """{"a":{"x":1,"y":2}}""")]
    [InlineData("a = {x:1} {x:2}", """{"a":{"x":2}}""")]
    [InlineData("a = {x:{p:1}} {x:{q:2}}", """{"a":{"x":{"p":1,"q":2}}}""")]
    [InlineData("a {x:1} {y:2}", """{"a":{"x":1,"y":2}}""")]
    [InlineData("g = {size = 6}\na = ${g} {name = east}", """{"g":{"size":6},"a":{"size":6,"name":"east"}}""")]
    [InlineData("g = {size = 6}\na = {size = 7} ${g}", """{"g":{"size":6},"a":{"size":6}}""")]
    [InlineData("g = {x = 1}\nh = {y = 2}\na = ${g} ${h}", """{"g":{"x":1},"h":{"y":2},"a":{"x":1,"y":2}}""")]
    public void Objects_on_one_line_merge_left_to_right(string hocon, string json) => Hocon.AssertJson(hocon, json);

    [Theory]
    [InlineData("a = [1, 2] [3, 4]", """{"a":[1,2,3,4]}""")]
    [InlineData("a = [1] [] [2]", """{"a":[1,2]}""")]
    [InlineData("p = [/bin]\np = ${p} [/usr/bin]", """{"p":["/bin","/usr/bin"]}""")]
    [InlineData("x = [1]\ny = [2]\na = ${x} ${y}", """{"x":[1],"y":[2],"a":[1,2]}""")]
    [InlineData("x = {\"0\": a, \"1\": b}\na = [z] ${x}", """{"x":{"0":"a","1":"b"},"a":["z","a","b"]}""")]
    public void Arrays_on_one_line_concatenate(string hocon, string json) => Hocon.AssertJson(hocon, json);

    [Theory]
    [InlineData("a = [1] {x:1}", "cannot concatenate an object with an array")]
    [InlineData("a = {x:1} [1]", "cannot concatenate an object with an array")]
    [InlineData("a = [1] foo", "cannot concatenate string \"foo\" with an array")]
    [InlineData("a = {x:1} 5", "cannot concatenate number 5 with an object")]
    [InlineData("x = [1]\na = ${x} foo", "cannot concatenate string \"foo\" with an array")]
    [InlineData("x = {y:1}\nz = {w:2}\na = ${x} \" \" ${z}", "cannot concatenate string \" \" with an object")]
    public void Mixing_arrays_objects_and_strings_is_an_error(string hocon, string message) =>
        Assert.Contains(message, Hocon.ParseError(hocon).Message, StringComparison.Ordinal);
}
