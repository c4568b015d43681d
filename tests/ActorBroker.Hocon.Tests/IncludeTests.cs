namespace ActorBroker.Hocon.Tests;

public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Json(string mainText)
    {
        var main = _dir.Write("main.conf", mainText);
        return ConfigFactory.ParseFile(main).ToJson(indented: false);
    }

    [Theory]
    [InlineData("include \"other.conf\"")]
    [InlineData("include file(\"other.conf\")")]
    [InlineData("include required(\"other.conf\")")]
    [InlineData("include required(file(\"other.conf\"))")]
    [InlineData("include required( file( \"other.conf\" ) )")]
    [InlineData("include\n  \"other.conf\"")]
    public void Every_include_syntax_loads_the_file(string statement)
    {
        _dir.Write("other.conf", "x = 1");
        Assert.Equal("""{"x":1}""", Json(statement));
    }

    [Fact]
    public void Included_keys_stand_where_the_include_is_and_merge_both_ways()
    {
        _dir.Write("other.conf", "a { x = 2, y = 2 }, b = 2");
        Assert.Equal("""{"a":{"x":2,"z":1,"y":3},"b":2}""", Json("a { x = 1, z = 1 }\ninclude \"other.conf\"\na.y = 3"));
    }

    [Fact]
    public void An_include_inside_an_object_nests_the_included_keys()
    {
        _dir.Write("other.conf", "x = 1");
        Assert.Equal("""{"a":{"b":{"x":1}}}""", Json("a.b { include \"other.conf\" }"));
    }

    [Fact]
    public void A_name_without_extension_loads_and_merges_properties_then_json_then_conf()
    {
        _dir.Write("multi.properties", "p = from-properties\nshared = properties\nonly.props = 1");
        _dir.Write("multi.json", """{ "shared": "json", "j": true }""");
        _dir.Write("multi.conf", "shared = conf\nc = 3");
        Assert.Equal(
            """{"p":"from-properties","shared":"conf","only":{"props":"1"},"j":true,"c":3}""",
            Json("include \"multi\""));
    }

    [Theory]
    [InlineData("json", """{ "v": [1, 2.5, true, null, "s"] }""", """{"v":[1,2.5,true,null,"s"]}""")]
    [InlineData("properties", "v = 1", """{"v":"1"}""")]
    [InlineData("conf", "v = ${?nothing}1", """{"v":"1"}""")]
    public void A_name_without_extension_finds_a_single_form(string extension, string content, string json)
    {
        _dir.Write($"single.{extension}", content);
        Assert.Equal(json, Json("include \"single\""));
    }

    [Fact]
    public void Relative_includes_are_relative_to_the_including_file_not_the_working_directory()
    {
        _dir.Write("sub/inner.conf", "include \"deeper/leaf.conf\"\ninner = 1");
        _dir.Write("sub/deeper/leaf.conf", "leaf = 2");
        Assert.Equal("""{"leaf":2,"inner":1}""", Json("include \"sub/inner.conf\""));
    }

    [Fact]
    public void An_absolute_include_path_is_used_as_is()
    {
        var other = _dir.Write("elsewhere/abs.conf", "abs = yes");
        Assert.Equal("""{"abs":"yes"}""", Json($"include \"{other}\""));
    }

    [Fact]
    public void A_missing_include_is_ignored() =>
        Assert.Equal("""{"a":1}""", Json("include \"nope.conf\"\ninclude \"nope\"\na = 1"));

    [Theory]
    [InlineData("include required(\"nope.conf\")")]
    [InlineData("include required(file(\"nope\"))")]
    public void A_missing_required_include_is_an_error_at_the_include(string statement)
    {
        var error = Assert.Throws<ConfigException>(() => Json("a = 1\n" + statement));
        Assert.Equal((2, 1), (error.Line, error.Column));
        Assert.EndsWith("main.conf", error.File, StringComparison.Ordinal);
        Assert.Contains("required include \"nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Included_substitutions_resolve_against_the_whole_config_first_relative_to_the_include_point()
    {
        _dir.Write("foo.conf", "x = 10\ny = ${x}\nz = ${top}");
        Assert.Equal("""{"a":{"x":42,"y":42,"z":"T"},"top":"T"}""", Json("a { include \"foo.conf\" }\na { x = 42 }\ntop = T"));
    }

    [Fact]
    public void Plus_equals_in_an_included_file_appends_at_the_include_point()
    {
        _dir.Write("more.conf", "list += 2");
        Assert.Equal("""{"a":{"list":[1,2]}}""", Json("a { list = [1] }\na { include \"more.conf\" }"));
    }

    [Fact]
    public void An_include_cycle_is_an_error()
    {
        _dir.Write("loop.conf", "include \"main.conf\"");
        Assert.Contains("include cycle", Assert.Throws<ConfigException>(() => Json("include \"loop.conf\"")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("include \"arr.json\"", "the root of a config must be an object")]
    [InlineData("include url(\"http://example.com/x.conf\")", "url(...) includes are not supported")]
    [InlineData("include classpath(\"x.conf\")", "classpath(...) includes are not supported")]
    [InlineData("include other.conf", "expected a quoted file name")]
    [InlineData("include file(other.conf)", "expected a quoted file name")]
    [InlineData("include required(\"x.conf\"", "expected ')'")]
    [InlineData("include foo(\"x.conf\")", "expected a quoted file name")]
    public void Malformed_includes_are_errors(string statement, string message)
    {
        _dir.Write("arr.json", "[1, 2]");
        Assert.Contains(message, Assert.Throws<ConfigException>(() => Json(statement)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=1\nb = two\nc:3\nd 4", """{"a":"1","b":"two","c":"3","d":"4"}""")]
    [InlineData("# comment\n! also comment\n  a = 1", """{"a":"1"}""")]
    [InlineData("a.b.c = deep\na.b.d = also", """{"a":{"b":{"c":"deep","d":"also"}}}""")]
    [InlineData("a = hello\na.b = world", """{"a":{"b":"world"}}""")]
    [InlineData("a.b = world\na = hello", """{"a":{"b":"world"}}""")]
    [InlineData("long = one \\\n    two", """{"long":"one two"}""")]
    [InlineData("esc = tab\\there\\u0041\\:", """{"esc":"tab\there\u0041:"}""")]
    [InlineData("key\\ with\\ spaces = v", """{"key with spaces":"v"}""")]
    [InlineData("empty =", """{"empty":""}""")]
    [InlineData("a. = x", """{"a":{"":"x"}}""")]
    public void Properties_files_map_to_objects_of_strings(string properties, string json)
    {
        _dir.Write("p.properties", properties);
        Assert.Equal(Hocon.Normalize(json), Json("include \"p.properties\""));
    }
}
