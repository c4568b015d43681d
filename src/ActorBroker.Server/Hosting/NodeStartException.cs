using System.Net.Sockets;
using Akka.Remote;

namespace ActorBroker.Server.Hosting;

/// <summary>The node could not start (its journal cannot be opened or recovered, a port is taken); the message says what to fix.</summary>
internal sealed class NodeStartException(string message, Exception? innerException) : Exception(message, innerException)
{
    /// <summary>
    /// <paramref name="error"/>, which stopped the host's start, as a failure the user can fix, or null when it is none
    /// (a bug, whose stack trace is worth more). Akka.Remote's failure to bind comes wrapped in a
    /// <see cref="AggregateException"/> per task it went through while the node's ActorSystem was created.
    /// </summary>
    public static NodeStartException? Explain(Exception error, ActorBroker.Hocon.Config config) => error switch
    {
        NodeStartException known => known,
        AggregateException { InnerExceptions: [var single] } => Explain(single, config),
        RemoteTransportException { InnerException: SocketException socket } => new NodeStartException(
            $"Akka.Remote cannot listen on {AkkaNodeConfig.RemoteEndPoint(config)} (akka.remote.dot-netty.tcp): {socket.Message}", error),
        _ => null,
    };
}
