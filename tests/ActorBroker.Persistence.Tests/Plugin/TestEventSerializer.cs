using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;

namespace ActorBroker.Persistence.Tests.Plugin;

/// <summary>An event or snapshot of the plugin specs; its text says what it is, so replay can be checked.</summary>
public sealed record TestEvent(string Text);

/// <summary>A payload its serializer refuses, to make the journal reject a write.</summary>
public sealed record Unserializable(string Text);

/// <summary>
/// A compact string-manifest serializer, as the broker's events will have: the plugins must store its id and
/// manifest and give both back on replay.
/// </summary>
public sealed class TestEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const string EventManifest = "e";

    public override int Identifier => 4711;

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
