using System.Collections;
using System.Text;
using ActorBroker.Hocon;

namespace ActorBroker.Fuzz.Targets;

/// <summary>
/// A config text through <see cref="ConfigFactory"/>'s string entry point: lexer, parser, includes (of files
/// held in memory: JSON, properties, HOCON, a cycle, a broken file), substitutions against a fixed environment,
/// and the JSON writer over the resolved tree.
/// </summary>
/// <remarks>
/// The property: the text resolves, or <see cref="ConfigException"/> says where and what; any other exception
/// escapes and is a crash, a run that does not end is the fuzzer's hang, and a run that allocates more than its
/// budget throws.
/// </remarks>
public static class HoconTextTarget
{
    public const string Name = "hocon";

    private const string Folder = "/fuzz";

    private static readonly InMemoryConfigFiles s_files = new(Folder, new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [$"{Folder}/a.conf"] = "x = 1\nnested { y = ${?x}, z = ${?HOME} }\nlist = [1, 2]\n",
        [$"{Folder}/b.json"] = "{ \"j\": [1, 2.5, true, null, \"s\"], \"o\": { \"k\": \"v\" } }",
        [$"{Folder}/b.properties"] = "p.q=r\np=s\n",
        [$"{Folder}/b.conf"] = "c = ${?x}\ninclude \"b\"\n",
        [$"{Folder}/broken.json"] = "{ \"a\": ",
    });

    private static readonly Hashtable s_environment = new() { ["HOME"] = "/home/fuzz", ["X"] = "10s", ["EMPTY"] = "" };

    /// <param name="data">The config text as UTF-8; invalid sequences read as U+FFFD, as a file read leniently would.</param>
    /// <exception cref="InvalidOperationException">The input broke the property.</exception>
    public static void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        // Substitutions copy values, so a short text may build a large config: up to ParseLimits.MaxResolvedSize
        // characters and values, which costs a few tens of MiB on the way (strings, lists, their JSON).
        var budget = AllocationBudget.Start(data.Length, fixedBytes: 64 * 1024 * 1024, bytesPerInputByte: 4096);
        try
        {
            _ = ConfigFactory.ParseString(text, $"{Folder}/fuzz.conf", s_files, s_environment).ToJson();
        }
        catch (ConfigException e) when (e.File.Length > 0 && e.Reason.Length > 0)
        {
            // The documented answer to a bad config: it names the file, the place and the reason.
        }

        budget.Check(Name);
    }
}
