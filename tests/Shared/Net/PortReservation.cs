using System.Net;
using System.Net.Sockets;

namespace ActorBroker.Testing.Net;

/// <summary>
/// A loopback port held for a server that a test starts later and may restart (a node's Akka.Remote, PostgreSQL, the
/// nodes of a script), until the test disposes it. A port picked by binding port 0 and released at once was free only
/// until another test's bind to port 0 or any outgoing connection was handed it, and the server then failed to bind
/// ("Failed to bind to 127.0.0.1:…"). So the port stays bound, never listening, by a socket that took it without
/// SO_REUSEADDR (nothing else held it, not even another reservation) and set SO_REUSEADDR after: Linux then hands it
/// to no bind to port 0 and to no outgoing connection, yet lets a server that binds it with SO_REUSEADDR listen on
/// it, as Akka.Remote's DotNetty transport, .NET's listeners (Kestrel, the AMQP listener) and PostgreSQL do.
/// </summary>
public sealed class PortReservation : IDisposable
{
    private readonly Socket _socket;

    private PortReservation(Socket socket) => _socket = socket;

    /// <summary>The reserved port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Reserves a port the system picks.</summary>
    public static PortReservation Take() =>
        TryTake(0) ?? throw new InvalidOperationException("no free loopback port");

    /// <summary>Reserves <paramref name="port"/>, or returns null when anything holds it (a listener, a connection, a reservation).</summary>
    public static PortReservation? TryTake(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, false);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            return new PortReservation(socket);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
