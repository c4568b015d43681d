using System.Text;
using ActorBroker.Broker.Messages;
using ActorBroker.Persistence.Postgres;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Broker.Tests.Durability;

/// <summary>A throwaway PostgreSQL server (initdb into a temp folder) shared by the durability tests on PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerPostgresGroup : ICollectionFixture<PostgresServer>
{
    public const string Name = "Broker on PostgreSQL";
}

[Collection(BrokerPostgresGroup.Name)]
public sealed class PostgresRestartTests(PostgresServer server)
{
    private static readonly BasicProperties s_persistent = new() { DeliveryMode = DeliveryMode.Persistent };

    [Fact]
    public async Task On_PostgreSQL_ready_messages_come_back_in_order_unacked_ones_redelivered_and_acked_ones_never()
    {
        var database = await server.DatabaseAsync(nameof(PostgresRestartTests));
        await using (var node = await DurableNode.StartAsync(new PostgresJournal(new PostgresJournalOptions(database))))
        {
            var channel = await node.OpenChannelAsync();
            await channel.DeclareQueueAsync("pg");
            foreach (var name in new[] { "acked", "unacked", "ready-1", "ready-2" })
            {
                Assert.True(await channel.PublishAsync("", "pg", Encoding.UTF8.GetBytes(name), s_persistent));
            }

            (await channel.GetAsync("pg")).Delivery!.Ack();
            Assert.NotNull((await channel.GetAsync("pg")).Delivery);
            await channel.GetQueueInfoAsync("pg");
        }

        await using var restarted = await DurableNode.StartAsync(new PostgresJournal(new PostgresJournalOptions(database)));
        var again = await restarted.OpenChannelAsync();
        var delivered = new List<(string, bool)>();
        while ((await again.GetAsync("pg", autoAck: true)).Delivery is { } delivery)
        {
            delivered.Add((Encoding.UTF8.GetString(delivery.Body.Span), delivery.Redelivered));
        }

        Assert.Equal([("unacked", true), ("ready-1", false), ("ready-2", false)], delivered);
    }
}
