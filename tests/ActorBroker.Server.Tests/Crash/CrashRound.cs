namespace ActorBroker.Server.Tests.Crash;

/// <summary>The clients of one node incarnation: a consumer per durable queue and several confirming producers.</summary>
internal sealed class CrashRound(CrashLedger ledger, int round) : IAsyncDisposable
{
    public const int Queues = 2;
    public const int Producers = 3;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private readonly List<IConnection> _connections = [];
    private readonly List<Task> _clients = [];
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _nodeKilled;

    public static string QueueName(int queue) => $"crash-{queue}";

    public static ConnectionFactory Factory(int port) => new()
    {
        HostName = "127.0.0.1",
        Port = port,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        ContinuationTimeout = Timeout,
    };

    /// <summary>Completes when a client fails while the node is still running.</summary>
    public Task Failed => _failed.Task;

    /// <summary>
    /// Declares the durable queues (in a later round they must have survived: declared passively) and starts the
    /// producers (numbered from <paramref name="firstProducer"/>, so that clients of one round on several nodes have
    /// producers of their own) and the consumers of <paramref name="consumed"/>; the other queues build a backlog this round.
    /// </summary>
    public static async Task<CrashRound> StartAsync(int port, CrashLedger ledger, int round, IEnumerable<int> consumed, int firstProducer = 0)
    {
        var clients = new CrashRound(ledger, round);
        var factory = Factory(port);
        var consumers = await clients.ConnectAsync(factory, "consumers");
        await using (var topology = await consumers.CreateChannelAsync())
        {
            for (var queue = 0; queue < Queues; queue++)
            {
                _ = round == 0
                    ? await topology.QueueDeclareAsync(QueueName(queue), durable: true, exclusive: false, autoDelete: false)
                    : await topology.QueueDeclarePassiveAsync(QueueName(queue));
            }
        }

        foreach (var queue in consumed)
        {
            clients.Run(() => CrashConsumer.ConsumeAsync(consumers, ledger, round, queue));
        }

        for (var producer = firstProducer; producer < firstProducer + Producers; producer++)
        {
            var connection = await clients.ConnectAsync(factory, $"producer {producer}");
            var index = producer;
            clients.Run(() => CrashProducer.RunAsync(connection, ledger, round, index));
        }

        return clients;
    }

    /// <summary>Called right before the node is killed: from then on the clients' failures are expected.</summary>
    public void NodeKilled()
    {
        _nodeKilled = true;
        ledger.NodeKilled(round);
    }

    /// <summary>Closes the connections and waits for every client to end (failures that matter were reported by <see cref="Failed"/>).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }

        try
        {
            await Task.WhenAll(_clients).WaitAsync(Timeout);
        }
        catch (Exception) when (_nodeKilled || _failed.Task.IsCompleted)
        {
            // The clients end with the connection errors of a dead node: what they saw before is in the ledger.
        }
    }

    private async Task<IConnection> ConnectAsync(ConnectionFactory factory, string name)
    {
        var connection = await factory.CreateConnectionAsync($"crash {name}");
        _connections.Add(connection);
        return connection;
    }

    private void Run(Func<Task> client) => _clients.Add(Task.Run(async () =>
    {
        try
        {
            await client();
        }
        catch (Exception error) when (!_nodeKilled)
        {
            _failed.TrySetException(error);
            throw;
        }

        if (!_nodeKilled)
        {
            _failed.TrySetException(new InvalidOperationException("a consumer's channel was closed while the node was running"));
        }
    }));
}
