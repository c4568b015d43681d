namespace ActorBroker.Amqp.EndToEnd.Tests;

/// <summary>The node against pika (Python), a client written independently of RabbitMQ.Client.</summary>
public sealed class PikaSmokeTests : NodeTest
{
    private static readonly TimeSpan s_smokeTimeout = TimeSpan.FromSeconds(30);

    // Debian's python3-pika installs into Debian's interpreter, which another python3 earlier on PATH (pyenv) would not see.
    private const string DebianPython = "/usr/bin/python3";

    [Fact]
    public async Task Pika_publishes_with_confirms_consumes_with_acks_keeps_header_types_and_uses_direct_reply_to()
    {
        await DeclareQueueAsync("from-pika");

        var smoke = await ExternalProcess.RunAsync(DebianPython, PikaScript.Directory(), s_smokeTimeout, "smoke.py", $"amqp://guest:guest@127.0.0.1:{Node.Port}", "from-pika");

        Assert.True(smoke.ExitCode == 0, $"pika smoke test exited with {smoke.ExitCode}:\n{smoke.Output}");
        Assert.Empty(Node.Log.Errors);
        var headers = (await GetAsync("from-pika")).BasicProperties.Headers!;
        Assert.Equal(7, Assert.IsType<int>(headers["int"]));
        Assert.Equal(1L << 40, Assert.IsType<long>(headers["long"]));
        Assert.Equal(3.75m, Assert.IsType<decimal>(headers["decimal"]));
        Assert.True(Assert.IsType<bool>(headers["bool"]));
        Assert.Equal("text", Encoding.UTF8.GetString(Assert.IsType<byte[]>(headers["string"])));
        Assert.Equal([1, 2], Assert.IsType<BinaryTableValue>(headers["bytes"]).Bytes);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero).ToUnixTimeSeconds(), Assert.IsType<AmqpTimestamp>(headers["timestamp"]).UnixTime);
        Assert.Null(headers["void"]);
        Assert.Equal(4, Assert.IsType<List<object?>>(headers["array"]).Count);
        Assert.Equal(1, Assert.IsType<int>(Assert.IsType<Dictionary<string, object?>>(headers["table"])["inner"]));
    }
}
