using System.Text.Json;

namespace ActorBroker.Hocon.Tests;

public sealed class JsonCompatibilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Documents() =>
    [
        """{}""",
        """{ "a": 1 }""",
        """{"a":{"b":{"c":[1,2,{"d":null}]}}}""",
        """{ "n": [0, -0, 1.5, -2.25e-3, 1E+2, 12345678901234, 0.1] }""",
        """{ "s": "line\nbreak \"quoted\" \\ \/ \u00e9 \ud83d\ude00 tab\t" }""",
        """{ "looks like hocon": "${not.a.substitution} // not a comment # nor this" }""",
        """{ "a.b": 1, "c d": 2, "": 3, "include": 4, "true": 5 }""",
        """{ "bools": [true, false], "nothing": null, "empty": [], "obj": {} }""",
        "{\n  \"pretty\": [\n    1,\n    2\n  ],\n  \"x\": {\n    \"y\": \"z\"\n  }\n}\n",
        "{\n  \"key\"\n  :\n  \"on its own line\"\n}",
        """{ "nested": [[[]], [[1]], [{"a": [{}]}]] }""",
        """{ "unicode key é": "value ✓", "ws": "  spaced  " }""",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Json_documents_parse_the_same_as_hocon_and_as_json(string json)
    {
        var asHocon = ConfigFactory.ParseString(json).ToJson(indented: false);
        var asJson = ConfigFactory.ParseFile(_dir.Write("doc.json", json)).ToJson(indented: false);
        Assert.Equal(asJson, asHocon);
        using var expected = JsonDocument.Parse(json);
        using var actual = JsonDocument.Parse(asHocon);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, actual.RootElement), $"{json}\nbecame\n{asHocon}");
    }

    [Theory]
    [InlineData("{ \"a\": 1, }", 1, 11)]
    [InlineData("{ \"a\": 1 // comment\n }", 1, 10)]
    [InlineData("{ a: 1 }", 1, 3)]
    [InlineData("{ \"a\" = 1 }", 1, 7)]
    [InlineData("{ \"a\": ${b} }", 1, 8)]
    [InlineData("{ \"a\": 1 }\n{ \"b\": 2 }", 2, 1)]
    [InlineData("[1, 2]", 1, 1)]
    [InlineData("", 1, 1)]
    public void A_json_file_is_held_to_json_rules_with_the_error_position(string json, int line, int column)
    {
        var file = _dir.Write("bad.json", json);
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(file));
        Assert.Equal((file, line, column), (error.File, error.Line, error.Column));
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }
}
