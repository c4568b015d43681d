using System.Net;
using System.Net.Sockets;

namespace ActorBroker.Server.Tests;

public sealed class NodeAmqpTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-node-");

    [Fact]
    public async Task Node_answers_an_amqp_protocol_header_with_connection_start()
    {
        await using var node = NodeProcess.Start(_workDir.FullName);
        var port = await node.WaitForAmqpPortAsync(s_timeout);

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync("AMQP\0\0\u0009\u0001"u8.ToArray());
        var reply = new byte[11];
        var read = 0;
        while (read < reply.Length)
        {
            var got = await socket.ReceiveAsync(reply.AsMemory(read)).AsTask().WaitAsync(s_timeout);
            Assert.NotEqual(0, got);
            read += got;
        }

        // A method frame (type 1) on channel 0 carrying class 10, method 10: connection.start.
        Assert.Equal([1, 0, 0], reply[..3]);
        Assert.Equal([0, 10, 0, 10], reply[7..11]);
        node.SendSigterm();
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
    }

    public void Dispose() => _workDir.Delete(recursive: true);
}
