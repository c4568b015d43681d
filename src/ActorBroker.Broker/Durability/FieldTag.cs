namespace ActorBroker.Broker.Durability;

/// <summary>
/// The byte a journal record writes before a field value: the <see cref="Messages.FieldKind"/>, with
/// <see cref="NarrowNumber"/> set when a <see cref="Messages.NumberType"/> byte follows. Records written before
/// numbers kept their width never set that bit, so they still read, as 64-bit integers and doubles.
/// </summary>
internal static class FieldTag
{
    public const byte NarrowNumber = 0x80;
}
