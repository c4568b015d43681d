using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Tests.Shared;

/// <summary>How a node turned a connection away, for the tests of the projects that link this file.</summary>
internal static class ConnectionRefusal
{
    /// <summary>
    /// Connects and returns the node's connection.close. The node answers connection.open with connection.close;
    /// RabbitMQ.Client may hand back the connection before it reads that close, so both outcomes are read.
    /// </summary>
    public static async Task<ShutdownEventArgs> OfAsync(ConnectionFactory factory, TimeSpan timeout)
    {
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync().WaitAsync(timeout);
        }
        catch (BrokerUnreachableException unreachable) when (unreachable.InnerException is OperationInterruptedException { ShutdownReason: { } reason })
        {
            return reason;
        }

        await using (connection)
        {
            var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                closed.TrySetResult(e);
                return Task.CompletedTask;
            };
            return connection.CloseReason ?? await closed.Task.WaitAsync(timeout);
        }
    }
}
