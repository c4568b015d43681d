namespace ActorBroker.Broker.Schemas;

/// <summary>
/// Schema registry changes, handled by the virtual host's actor (the single writer of the host's schemas). Each
/// replies once the change is journaled (at once without durability), or a <see cref="Akka.Actor.Status.Failure"/>.
/// </summary>
internal static class SchemaProtocol
{
    /// <summary>Registers <paramref name="Document"/> under <paramref name="Name"/>; replies <see cref="SchemaRegistered"/>.</summary>
    public sealed record RegisterSchema(string Name, string Document);

    /// <summary>The version now newest; Created is false when the document equals the newest version already there.</summary>
    public sealed record SchemaRegistered(MessageSchema Schema, bool Created);

    /// <summary>Deletes every version of a schema; replies <see cref="SchemaDeleted"/>.</summary>
    public sealed record DeleteSchema(string Name);

    /// <summary>Whether there was such a schema.</summary>
    public sealed record SchemaDeleted(bool Existed);
}
