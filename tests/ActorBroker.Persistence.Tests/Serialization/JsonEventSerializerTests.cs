using ActorBroker.Persistence.Serialization;

namespace ActorBroker.Persistence.Tests.Serialization;

public sealed class JsonEventSerializerTests
{
    private readonly EventTypeRegistry _registry = new EventTypeRegistry().Register<Enqueued>("queue.enqueued.v1");

    private JsonEventSerializer Serializer => new(_registry);

    [Fact]
    public void A_registered_record_round_trips_under_its_manifest()
    {
        var original = new Enqueued("orders", 42, [1, 2, 3]);

        var serialized = Serializer.Serialize(original);
        var restored = Assert.IsType<Enqueued>(Serializer.Deserialize(serialized.Manifest, serialized.Payload));

        Assert.Equal("queue.enqueued.v1", serialized.Manifest);
        Assert.Equal(original.Queue, restored.Queue);
        Assert.Equal(original.Offset, restored.Offset);
        Assert.Equal(original.Body, restored.Body);
    }

    [Fact]
    public void Serializing_an_unregistered_type_names_the_type_and_the_fix()
    {
        var error = Assert.Throws<EventSerializationException>(() => Serializer.Serialize(new Unregistered()));

        Assert.Contains(typeof(Unregistered).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("EventTypeRegistry", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserializing_an_unknown_manifest_names_the_manifest()
    {
        var error = Assert.Throws<EventSerializationException>(() => Serializer.Deserialize("queue.gone.v9", "{}"u8.ToArray()));

        Assert.Contains("queue.gone.v9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserializing_malformed_bytes_fails_with_the_manifest_and_the_cause()
    {
        var error = Assert.Throws<EventSerializationException>(() => Serializer.Deserialize("queue.enqueued.v1", "{\"Queue\":"u8.ToArray()));

        Assert.Contains("queue.enqueued.v1", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
    }

    [Fact]
    public void A_manifest_cannot_be_bound_to_a_second_type()
    {
        var error = Assert.Throws<ArgumentException>(() => _registry.Register<Unregistered>("queue.enqueued.v1"));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
        Assert.False(_registry.TryGetManifest(typeof(Unregistered), out _));
    }

    [Fact]
    public void Registering_the_same_pair_again_is_harmless()
    {
        _registry.Register<Enqueued>("queue.enqueued.v1");

        Assert.True(_registry.TryGetType("queue.enqueued.v1", out var type));
        Assert.Equal(typeof(Enqueued), type);
    }

    private sealed record Enqueued(string Queue, long Offset, byte[] Body);

    private sealed record Unregistered;
}
