using System.Text.Json;
using ActorBroker.Cli.Perf;

namespace ActorBroker.Cli.Tests;

public sealed class PerfMessageTests
{
    [Theory]
    [InlineData(128)]
    [InlineData(PerfMessage.JsonMinimumSize)]
    public void A_json_body_is_a_json_object_of_the_whole_size_whose_id_reads_back(int size)
    {
        var body = new byte[size];

        PerfMessage.StampJson(body, 123_456_789);

        using var document = JsonDocument.Parse(body);
        Assert.Equal("00000000075bcd15", document.RootElement.GetProperty("id").GetString());
        Assert.True(PerfMessage.TryRead(body, json: true, out var id, out var sent));
        Assert.Equal(123_456_789, id);
        Assert.True(sent > 0);
    }

    [Fact]
    public void A_binary_body_whose_first_byte_is_a_brace_still_reads_as_binary()
    {
        var body = new byte[128];

        PerfMessage.Stamp(body, '{');

        Assert.True(PerfMessage.TryRead(body, json: false, out var id, out _));
        Assert.Equal('{', id);
        Assert.False(PerfMessage.TryRead(body, json: true, out _, out _));
    }
}
