using System.Collections;
using ActorBroker.Fuzz.Targets;

namespace ActorBroker.Hocon.Tests;

/// <summary>Includes read through the files a parse is given, as the fuzz target parses them: from memory, never the disk.</summary>
public class InMemoryIncludeTests
{
    private static readonly InMemoryConfigFiles s_files = new("/mem", new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/mem/a.conf"] = "x = 1\ny = ${?HOME}",
        ["/mem/b.json"] = """{ "j": [1, 2] }""",
        ["/mem/b.properties"] = "p.q=r",
        ["/mem/loop.conf"] = "include \"loop.conf\"",
    });

    private static readonly Hashtable s_environment = new() { ["HOME"] = "/home/mem" };

    [Fact]
    public void A_parsed_string_includes_files_relative_to_its_source_names_folder()
    {
        var config = Parse("include \"a.conf\"\ninner { include \"b\" }");

        Assert.Equal("""{"x":1,"y":"/home/mem","inner":{"p":{"q":"r"},"j":[1,2]}}""", config.ToJson(indented: false));
    }

    [Fact]
    public void An_include_cycle_in_memory_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => Parse("include \"loop.conf\""));

        Assert.Contains("include cycle", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_required_include_that_is_not_among_the_files_is_an_error_even_if_it_exists_on_disk()
    {
        var onDisk = typeof(InMemoryIncludeTests).Assembly.Location;
        Assert.True(File.Exists(onDisk));

        var error = Assert.Throws<ConfigException>(() => Parse($"include required(\"{onDisk}\")"));

        Assert.Contains("was not found", error.Reason, StringComparison.Ordinal);
    }

    private static Config Parse(string text) => ConfigFactory.ParseString(text, "/mem/main.conf", s_files, s_environment);
}
