using System.Net;
using System.Net.Sockets;

namespace ActorBroker.Cli.Tests.Fakes;

/// <summary>A loopback port that was just free: listen on an ephemeral port, then stop listening.</summary>
internal static class ClosedPort
{
    public static int Get()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
