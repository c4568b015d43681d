using ActorBroker.Persistence.GroupCommit;
using ActorBroker.Persistence.Journal;
using ActorBroker.Persistence.Tests.Support;
using ActorBroker.Testing.Postgres;

namespace ActorBroker.Persistence.Tests.Postgres;

[Collection(PostgresServerGroup.Name)]
public sealed class PostgresJournalWriterTests(PostgresServer server)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Concurrent_writers_share_transactions_and_every_event_lands_under_its_entity()
    {
        await using var journal = await server.OpenJournalAsync(nameof(PostgresJournalWriterTests));
        await using var writer = new JournalWriter(journal);
        var actors = Enumerable.Range(0, 20).Select(_ => TestEvents.NewPersistenceId()).ToList();

        await Task.WhenAll(actors.Select(pid => Task.Run(async () =>
        {
            for (var seq = 1; seq <= 10; seq += 2)
            {
                await writer.WriteAsync(TestEvents.Write(pid, seq, 2));
            }
        }))).WaitAsync(s_timeout);

        Assert.Equal(100, writer.CommittedWrites);
        Assert.True(writer.CommittedBatches < 100, $"{writer.CommittedBatches} batches for 100 writes");
        foreach (var pid in actors)
        {
            var replayed = (await journal.ReplayAllAsync(pid)).Cast<ReplayedEvent>().ToList();
            Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), replayed.Select(r => r.SequenceNr));
            Assert.All(replayed, r => Assert.Equal($"{pid}#{r.SequenceNr}", TestEvents.Text(r.Event)));
        }
    }

    [Fact]
    public async Task Writes_fail_while_the_server_is_down_and_succeed_again_once_it_is_back()
    {
        await using var journal = await server.OpenJournalAsync(nameof(PostgresJournalWriterTests));
        await using var writer = new JournalWriter(journal);
        var pid = TestEvents.NewPersistenceId();
        await writer.WriteAsync(TestEvents.Write(pid, 1)).AsTask().WaitAsync(s_timeout);

        await server.StopAsync();
        try
        {
            var writes = Enumerable.Range(0, 5).Select(_ => writer.WriteAsync(TestEvents.Write(TestEvents.NewPersistenceId(), 1)).AsTask()).ToList();
            foreach (var write in writes)
            {
                var failure = await Assert.ThrowsAsync<JournalWriteException>(() => write.WaitAsync(s_timeout));
                Assert.NotNull(failure.InnerException);
            }
        }
        finally
        {
            await server.StartAsync();
        }

        await writer.WriteAsync(TestEvents.Write(pid, 2)).AsTask().WaitAsync(s_timeout);
        Assert.Equal([1L, 2], await journal.ReplayedSequenceNrsAsync(pid));
        Assert.True(writer.FailedBatches >= 1);
    }
}
