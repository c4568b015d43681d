using System.Buffers.Binary;
using System.Diagnostics;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Durability;
using ActorBroker.Broker.Messages;
using ActorBroker.Persistence;
using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Plugin;
using ActorBroker.Persistence.Sqlite;
using Akka.Actor;

namespace ActorBroker.Benchmarks.Durable;

/// <summary>
/// A durable broker over one SQLite journal file, with the node's default window of bodies, for the
/// process-footprint modes: publishes numbered 1 KiB persistent messages and drains them.
/// </summary>
internal sealed class BacklogNode : IAsyncDisposable
{
    public const string Queue = "backlog";
    public const int BodySize = 1024;
    private const int ConfirmEvery = 20_000;
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };

    private BacklogNode(ActorSystem system, PersistenceExtension persistence, MessageBroker broker, BrokerChannel channel)
    {
        System = system;
        Broker = broker;
        Persistence = persistence;
        Channel = channel;
    }

    public ActorSystem System { get; }

    public PersistenceExtension Persistence { get; }

    public MessageBroker Broker { get; }

    public BrokerChannel Channel { get; }

    /// <summary>Starts a node on <paramref name="journalPath"/>; the durable queue found there has recovered once its declaration is answered.</summary>
    public static async Task<BacklogNode> StartAsync(string journalPath)
    {
        var store = new SqliteJournal(new SqliteJournalOptions(journalPath));
        var persistence = await PersistenceExtension.StartAsync(store, new GroupCommitOptions { MaxBatch = 8192 });
        var system = ActorSystem.Create("backlog", GroupCommitPersistence.AsDefaultPlugins);
        var broker = await MessageBroker.StartAsync(system, BrokerOptions.Default with { Durability = new BrokerDurability(persistence) });
        var channel = await (await broker.ConnectAsync()).CreateChannelAsync();
        await channel.DeclareQueueAsync(Queue);
        return new BacklogNode(system, persistence, broker, channel);
    }

    /// <summary>Publishes <paramref name="count"/> messages, each its own 1 KiB body numbered from 0, and waits for their confirms.</summary>
    public async Task PublishAsync(long count, Action<long>? progress = null)
    {
        for (var i = 0L; i < count; i++)
        {
            // A fresh body per message: a shared one would hide what a window of bodies costs.
            var body = new byte[BodySize];
            BinaryPrimitives.WriteInt64LittleEndian(body, i);
            Channel.Publish("", Queue, body, s_persistent);
            if ((i + 1) % ConfirmEvery == 0 || i + 1 == count)
            {
                if (!await Channel.WaitForConfirmsAsync())
                {
                    throw new InvalidOperationException("The queue refused published messages.");
                }

                progress?.Invoke(i + 1);
            }
        }
    }

    /// <summary>Consumes <paramref name="count"/> messages (auto-ack) and returns how many came in order with their own body.</summary>
    public async Task<long> DrainAsync(long count, long firstNumber = 0)
    {
        var received = 0L;
        var inOrder = 0L;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tag = await Channel.ConsumeAsync(Queue, delivery =>
        {
            // Deliveries already on their way when the count is reached are not counted (nor checked).
            if (received == count)
            {
                return;
            }

            if (delivery.Body.Length == BodySize && BinaryPrimitives.ReadInt64LittleEndian(delivery.Body.Span) == firstNumber + received)
            {
                inOrder++;
            }

            if (++received == count)
            {
                done.SetResult();
            }
        }, new ConsumeOptions(AutoAck: true));
        await done.Task;
        await Channel.CancelAsync(tag);
        return inOrder;
    }

    public async Task<int> ReadyAsync() => (await Channel.GetQueueInfoAsync(Queue)).Ready;

    /// <summary>The process's peak resident set so far (VmHWM), in MiB.</summary>
    public static double PeakRssMiB()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    public async ValueTask DisposeAsync()
    {
        await Broker.DisposeAsync();
        await System.Terminate();
        await Persistence.DisposeAsync();
    }
}
