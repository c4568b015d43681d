namespace ActorBroker.Hocon.Tests;

public class SubstitutionTests
{
    [Theory]
    [InlineData("a = 1\nb = ${a}", """{"a":1,"b":1}""")]
    [InlineData("b = ${a}\na = 1", """{"b":1,"a":1}""")]
    [InlineData("a { x = true }\nb = ${a.x}", """{"a":{"x":true},"b":true}""")]
    [InlineData("a { x = [1,2] }\nb = ${a.x}", """{"a":{"x":[1,2]},"b":[1,2]}""")]
    [InlineData("a { x = 1 }\nb = ${a}", """{"a":{"x":1},"b":{"x":1}}""")]
    [InlineData("a = null\nb = ${a}", """{"a":null,"b":null}""")]
    [InlineData("a = \"x.y\"\nb = ${ a }", """{"a":"x.y","b":"x.y"}""")]
    [InlineData("\"a.b\" = 1\nc = ${\"a.b\"}", """{"a.b":1,"c":1}""")]
    [InlineData("b = ${a}\na = 1\na = 2", """{"b":2,"a":2}""")]
    [InlineData("b = ${a.x}\na { x = 1 }\na { x = 2 }", """{"b":2,"a":{"x":2}}""")]
    [InlineData("a = [${b}, ${c}]\nb = 1\nc = two", """{"a":[1,"two"],"b":1,"c":"two"}""")]
    [InlineData("bar { foo = 42, baz = ${bar.foo} }", """{"bar":{"foo":42,"baz":42}}""")]
    [InlineData("bar { foo = 42, baz = ${bar.foo} }\nbar { foo = 43 }", """{"bar":{"foo":43,"baz":43}}""")]
    [InlineData("bar : { a : ${foo.d}, b : 1 }\nbar.b = 3\nfoo : { c : ${bar.b}, d : 2 }\nfoo.d = 4",
        """{"bar":{"a":4,"b":3},"foo":{"c":3,"d":4}}""")]
    [InlineData("a = ${b}\nb = ${c}\nc = 5", """{"a":5,"b":5,"c":5}""")]
    [InlineData("foo = ${x}\nfoo = 42", """{"foo":42}""")]
    [InlineData("foo = ${foo}\nfoo = 42", """{"foo":42}""")]
    public void Substitutions_look_forward_to_the_final_value_of_their_path(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Theory]
    [InlineData("path = \"a:b:c\"\npath = ${path}\":d\"", """{"path":"a:b:c:d"}""")]
    [InlineData("path = [/bin]\npath = ${path} [/usr/bin]", """{"path":["/bin","/usr/bin"]}""")]
    [InlineData("a = 1\na = ${a}", """{"a":1}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo}", """{"foo":{"a":1}}""")]
    [InlineData("foo { a = 1 }\nfoo = ${foo} { b = 2 }", """{"foo":{"a":1,"b":2}}""")]
    [InlineData("foo : { a : { c : 1 } }\nfoo : ${foo.a}\nfoo : { a : 2 }", """{"foo":{"a":2,"c":1}}""")]
    [InlineData("a = ${?a}foo", """{"a":"foo"}""")]
    [InlineData("a = x\na = ${?a}foo", """{"a":"xfoo"}""")]
    [InlineData("a = 1\nb = 2\na = ${b}\nb = ${a}", """{"a":1,"b":1}""")]
    [InlineData("x { p = 1 }\nx { p = ${x.p}0 }", """{"x":{"p":"10"}}""")]
    public void Self_references_look_back_to_the_value_they_override(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Theory]
    [InlineData("a += 1", """{"a":[1]}""")]
    [InlineData("a = [1]\na += 2\na += 3", """{"a":[1,2,3]}""")]
    [InlineData("a += 1\na += [2]", """{"a":[1,[2]]}""")]
    [InlineData("x { a = [1] }\nx.a += 2", """{"x":{"a":[1,2]}}""")]
    [InlineData("x { a += 1, a += 2 }", """{"x":{"a":[1,2]}}""")]
    [InlineData("b = 9\na += ${b}", """{"b":9,"a":[9]}""")]
    public void Plus_equals_appends_to_the_earlier_array(string hocon, string json) => Hocon.AssertJson(hocon, json);

    [Fact]
    public void Hundreds_of_plus_equals_on_one_key_append_in_order()
    {
        var appends = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"a += {i}"));
        Assert.Equal(Enumerable.Range(0, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ConfigFactory.ParseString(appends).GetStringList("a"));
    }

    [Fact]
    public void Plus_equals_on_a_non_array_is_an_error() =>
        Assert.Contains("cannot concatenate", Hocon.ParseError("a = 1\na += 2").Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("a = ${?missing}", "{}")]
    [InlineData("a = 1\na = ${?missing}", """{"a":1}""")]
    [InlineData("a = ${?m1}${?m2}", "{}")]
    [InlineData("a = [1, ${?missing}, 2]", """{"a":[1,2]}""")]
    [InlineData("a = x${?missing}y", """{"a":"xy"}""")]
    [InlineData("a = ${?missing} [1]", """{"a":[1]}""")]
    [InlineData("a = ${?missing} {x = 1}", """{"a":{"x":1}}""")]
    [InlineData("a = { b = ${?missing} }", """{"a":{}}""")]
    [InlineData("foo = ${?foo}", "{}")]
    [InlineData("b = ${?a}\na = ${?missing}", "{}")]
    public void An_undefined_optional_substitution_removes_its_field_or_element_or_becomes_empty(string hocon, string json) =>
        Hocon.AssertJson(hocon, json);

    [Fact]
    public void Substitutions_fall_back_to_environment_variables_only_for_paths_the_config_does_not_define()
    {
        var name = $"ACTORBROKER_TEST_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var config = ConfigFactory.ParseString($"a = ${{{name}}}\nb = ${{?{name}}}\nc = ${{?{name}}}x");
            Assert.Equal(("from-env", "from-env", "from-envx"), (config.GetString("a"), config.GetString("b"), config.GetString("c")));
            var shadowed = ConfigFactory.ParseString($"{name} = mine\na = ${{{name}}}");
            Assert.Equal("mine", shadowed.GetString("a"));
            var blocked = ConfigFactory.ParseString($"{name} = null\na = ${{?{name}}}");
            Assert.False(blocked.HasPath("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}", 2, 5, "substitution cycle")]
    [InlineData("a = ${b}\nb = ${c}\nc = ${a}", 3, 5, "substitution cycle: ${b} -> ${c} -> ${a}")]
    [InlineData("a = { b = ${a} }", 1, 11, "substitution cycle")]
    [InlineData("a = [${a}]", 1, 6, "substitution cycle")]
    [InlineData("a = ${a}", 1, 5, "refers to its own field")]
    [InlineData("a = ${a}bc", 1, 5, "refers to its own field")]
    [InlineData("x = 1\na = ${missing}", 2, 5, "could not resolve substitution ${missing}")]
    [InlineData("x = 1\na = [${missing.deep}]", 2, 6, "could not resolve substitution ${missing.deep}")]
    public void Unresolvable_substitutions_and_cycles_are_errors_at_the_substitution(string hocon, int line, int column, string message)
    {
        var error = Hocon.ParseError(hocon);
        Assert.Equal(("test.conf", line, column), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_substitution_is_resolved_once_so_both_uses_see_the_same_value()
    {
        var config = ConfigFactory.ParseString("a = 1\nb = 2\na = ${b}\nb = ${a}");
        Assert.Equal(config.GetInt("a"), config.GetInt("b"));
    }
}
