using System.Text;
using ActorBroker.Persistence.Journal;

namespace ActorBroker.Persistence.Tests.Support;

/// <summary>Builds journal rows whose payload says which entity and sequence number they are, so replay can be checked.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    public static string NewPersistenceId(string prefix = "entity") => $"{prefix}-{Guid.NewGuid():N}";

    public static JournalEvent Event(string persistenceId, long sequenceNr) =>
        new(sequenceNr, "test.event", Encoding.UTF8.GetBytes($"{persistenceId}#{sequenceNr}"), Timestamp);

    public static AtomicWrite Write(string persistenceId, long fromSequenceNr, int count = 1) =>
        new(persistenceId, Enumerable.Range(0, count).Select(i => Event(persistenceId, fromSequenceNr + i)).ToArray());

    public static string Text(JournalEvent evt) => Encoding.UTF8.GetString(evt.Payload.Span);

    public static async Task<List<ReplayItem>> ReplayAllAsync(this IJournal journal, string persistenceId, long from = 1, long to = long.MaxValue)
    {
        var items = new List<ReplayItem>();
        await foreach (var item in journal.ReplayAsync(persistenceId, from, to))
        {
            items.Add(item);
        }

        return items;
    }

    public static async Task<List<long>> ReplayedSequenceNrsAsync(this IJournal journal, string persistenceId, long from = 1, long to = long.MaxValue) =>
        (await journal.ReplayAllAsync(persistenceId, from, to)).OfType<ReplayedEvent>().Select(e => e.SequenceNr).ToList();
}
