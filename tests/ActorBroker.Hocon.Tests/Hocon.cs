using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorBroker.Hocon.Tests;

/// <summary>Shared helpers: parse HOCON and compare the resolved result with expected JSON.</summary>
internal static class Hocon
{
    /// <summary>The resolved config of <paramref name="text"/> as compact JSON.</summary>
    public static string ToJson(string text) => ConfigFactory.ParseString(text, "test.conf").ToJson(indented: false);

    /// <summary>Asserts that <paramref name="text"/> resolves to the same JSON as <paramref name="expectedJson"/> (key order included).</summary>
    public static void AssertJson(string text, string expectedJson) =>
        Assert.Equal(Normalize(expectedJson), ToJson(text));

    public static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    public static ConfigException ParseError(string text) =>
        Assert.Throws<ConfigException>(() => ConfigFactory.ParseString(text, "test.conf"));
}
