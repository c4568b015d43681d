using ActorBroker.Amqp.Connections;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Connections;

/// <summary>
/// Whatever a client sends, the session answers with bytes or closes: it never throws, and every call returns.
/// </summary>
public class ConnectionSessionFuzzTests
{
    [Fact]
    public void Mutated_handshakes_never_make_the_session_throw()
    {
        byte[] valid =
        [
            .. SessionHarness.Handshake(),
            .. FrameBytes.Method(1, new ChannelOpen()),
            .. FrameBytes.Method(0, new ConnectionClose { ReplyCode = 200 }),
        ];
        var random = new Random(91);
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var harness = new SessionHarness();
            foreach (var chunk in bytes.Chunk(random.Next(1, 64)))
            {
                if (harness.Feed(chunk)[^1] == SessionEvent.Closed)
                {
                    break;
                }
            }
        }
    }
}
