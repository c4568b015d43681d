using ActorBroker.Fuzz.Targets;

namespace ActorBroker.Amqp.Tests.Framing;

/// <summary>
/// Every input the AMQP fuzz target kept (fuzz/corpus/amqp) still holds its property: it decodes, or ends in
/// a protocol error with a reply code documented for bad input, within its allocation budget and in bounded time.
/// </summary>
public class FuzzCorpusTests
{
    private static readonly TimeSpan s_budget = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Every_kept_fuzz_input_decodes_or_fails_with_a_documented_protocol_error()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FuzzCorpus"));
        Assert.NotEmpty(files);

        await Task.Run(() =>
        {
            foreach (var file in files)
            {
                var error = Record.Exception(() => AmqpInputTarget.Run(File.ReadAllBytes(file)));
                Assert.True(error is null, $"{Path.GetFileName(file)}: {error}");
            }
        }).WaitAsync(s_budget);
    }
}
