using ActorBroker.Persistence.Serialization;

namespace ActorBroker.Persistence.Tests.Actor;

public static class ListActorProtocol
{
    public sealed record Add(string Item);

    /// <summary>Added with PersistAsync: the actor goes on taking commands while it is written.</summary>
    public sealed record AddEventually(string Item);

    public sealed record AddAll(IReadOnlyList<string> Items);

    public sealed record Added(string Item, long SequenceNr);

    public sealed record AddRejected(string Item, string Reason);

    public sealed record GetState;

    public sealed record ListState(IReadOnlyList<string> Items, long LastSequenceNr, IReadOnlyList<string> RecoveryLog);

    public sealed record TakeSnapshot;

    public sealed record DeleteUpTo(long SequenceNr);

    public sealed record Crash;

    /// <summary>Persists the item, then throws before the command handler returns.</summary>
    public sealed record AddThenCrash(string Item);

    // Events and snapshot: what the journal stores.
    public sealed record ItemAdded(string Item);

    public sealed record ListSnapshot(IReadOnlyList<string> Items);

    public static JsonEventSerializer Serializer() => new(new EventTypeRegistry()
        .Register<ItemAdded>("test.item-added")
        .Register<ListSnapshot>("test.list-snapshot"));
}
