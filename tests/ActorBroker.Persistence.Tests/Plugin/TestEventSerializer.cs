using System.Runtime.Serialization;
using System.Text;
using ActorBroker.Persistence.Plugin;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>An event or snapshot of the plugin specs; its text says what it is, so replay can be checked.</summary>
public sealed record TestEvent(string Text);

/// <summary>A payload its serializer refuses, to make the journal reject a write.</summary>
public sealed record Unserializable(string Text);

/// <summary>
/// A compact string-manifest serializer, as the broker's events will have: the plugins must store its id and
/// manifest and give both back on replay. It writes events into pooled arrays too, as the broker's queue rows are,
/// so every spec stores payloads that are slices of larger arrays, and <see cref="Pool"/> counts what is not back.
/// </summary>
public sealed class TestEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system), IPooledSerializer
{
    public const string EventManifest = "e";

    public override int Identifier => 4711;

    public CountingArrayPool Pool { get; } = new();

    public bool TryToPooled(object obj, out PooledPayload payload)
    {
        if (obj is not TestEvent e)
        {
            payload = default;
            return false;
        }

        var array = Pool.Rent(Encoding.UTF8.GetMaxByteCount(e.Text.Length) + 16);
        payload = new PooledPayload(Pool, array, Encoding.UTF8.GetBytes(e.Text, array));
        return true;
    }

    public override byte[] ToBinary(object obj) => obj switch
    {
        TestEvent e => Encoding.UTF8.GetBytes(e.Text),
        _ => throw new SerializationException($"{obj.GetType().Name} is refused by this serializer on purpose."),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest == EventManifest
        ? new TestEvent(Encoding.UTF8.GetString(bytes))
        : throw new SerializationException($"Unknown manifest '{manifest}'.");

    public override string Manifest(object o) => EventManifest;
}
