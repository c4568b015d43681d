using ActorBroker.Fuzz.Targets;

namespace ActorBroker.Hocon.Tests;

/// <summary>
/// Every input the HOCON fuzz target kept (fuzz/corpus/hocon) still holds its property: it resolves, or
/// fails with a <see cref="ConfigException"/> that says where and what, within its allocation budget and in
/// bounded time.
/// </summary>
public class FuzzCorpusTests
{
    private static readonly TimeSpan s_budget = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_kept_fuzz_input_resolves_or_fails_with_a_config_exception()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzCorpus"));
        Assert.NotEmpty(files);

        await Task.Run(() =>
        {
            foreach (var file in files)
            {
                var error = Record.Exception(() => HoconTextTarget.Run(File.ReadAllBytes(file)));
                Assert.True(error is null, $"{Path.GetFileName(file)}: {error}");
            }
        }).WaitAsync(s_budget);
    }
}
