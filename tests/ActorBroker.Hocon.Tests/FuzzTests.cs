using FsCheck;
using FsCheck.Fluent;

namespace ActorBroker.Hocon.Tests;

/// <summary>
/// Whatever the input, the parser either returns a config or throws <see cref="ConfigException"/>:
/// never another exception, never a hang.
/// </summary>
public class FuzzTests
{
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(30);

    private static readonly string[] s_fragments =
    [
        "{", "}", "[", "]", ",", ":", "=", "+=", "\n", " ", "\t", "a", "b.c", "\"q\"", "\"\"\"", "\"", "\\", "$", "${",
        "${?", "?", "1", "-", "10.5e3", "0", "true", "null", "include", " \"x.conf\"", "file(", "required(", ")", "//",
        "#", "\"a.b\"", "é", "\u00A0", "\r", ".", "..", "10s", "64MiB", "${a}", "${?b}", "a=${a}", "[${c}]", "@", "/",
    ];

    private static readonly string[] s_corpus =
    [
        "a { b = 1, c = [1, 2, {d = x}] }\ne = ${a.b}\nf += 3",
        "path = [/bin]\npath = ${path} [/usr/bin]\nx = \"\"\"multi\nline\"\"\" tail",
        "{ \"json\": [1, 2.5, true, null, \"s\\n\"], \"o\": {} }",
        "a.b.c = 10s // comment\n# another\nd = ${?HOME} {x = 1}\ninclude \"missing.conf\"",
        "dc = { size = 6 }\neast = ${dc} { name = east }\nopt = ${?nope}\ncycle = ${cycle2}\ncycle2 = 1",
    ];

    [Fact]
    public async Task Random_token_soup_parses_or_throws_a_config_exception()
    {
        var documents = Gen.Elements(s_fragments).ListOf().Select(parts => string.Concat(parts));
        var property = Prop.ForAll(documents.ToArbitrary(), ParsesOrFailsCleanly);
        await Task.Run(() => Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3_000).WithEndSize(60), property))
            .WaitAsync(s_budget);
    }

    [Fact]
    public async Task Mutated_valid_documents_parse_or_throw_a_config_exception()
    {
        var random = new Random(20_261_122);
        await Task.Run(() =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                var document = Mutate(s_corpus[random.Next(s_corpus.Length)], random);
                Assert.True(ParsesOrFailsCleanly(document), document);
            }
        }).WaitAsync(s_budget);
    }

    private static string Mutate(string document, Random random)
    {
        for (var round = random.Next(1, 4); round > 0 && document.Length > 0; round--)
        {
            var at = random.Next(document.Length);
            var length = Math.Min(random.Next(1, 6), document.Length - at);
            document = random.Next(5) switch
            {
                0 => document.Remove(at, length),
                1 => document.Insert(at, s_fragments[random.Next(s_fragments.Length)]),
                2 => document.Insert(at, document.Substring(at, length)),
                3 => document[..at],
                _ => document.Remove(at, 1).Insert(at, ((char)random.Next(0, 128)).ToString()),
            };
        }
        return document;
    }

    private static bool ParsesOrFailsCleanly(string document)
    {
        try
        {
            _ = ConfigFactory.ParseString(document, "fuzz.conf").ToJson();
            return true;
        }
        catch (ConfigException e)
        {
            // Every error must say where and what.
            return e.File.Length > 0 && e.Reason.Length > 0;
        }
    }
}
