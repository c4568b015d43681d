namespace ActorBroker.Client.Serialization;

/// <summary>The types a header value may have, as AMQP field tables carry them; the tag byte on the wire.</summary>
internal enum HeaderValueKind : byte
{
    Null,
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    Single,
    Double,
    Decimal,
    String,
    Bytes,
    Timestamp,
    List,
    Table,
}

internal static class HeaderValueKinds
{
    /// <exception cref="ArgumentException">A value of a type AMQP field tables cannot carry.</exception>
    public static HeaderValueKind Of(string name, object? value) => value switch
    {
        null => HeaderValueKind.Null,
        bool => HeaderValueKind.Boolean,
        sbyte => HeaderValueKind.SByte,
        byte => HeaderValueKind.Byte,
        short => HeaderValueKind.Int16,
        ushort => HeaderValueKind.UInt16,
        int => HeaderValueKind.Int32,
        uint => HeaderValueKind.UInt32,
        long => HeaderValueKind.Int64,
        float => HeaderValueKind.Single,
        double => HeaderValueKind.Double,
        decimal => HeaderValueKind.Decimal,
        string => HeaderValueKind.String,
        byte[] => HeaderValueKind.Bytes,
        DateTimeOffset => HeaderValueKind.Timestamp,
        IReadOnlyDictionary<string, object?> => HeaderValueKind.Table,
        IEnumerable<object?> => HeaderValueKind.List,
        _ => throw new ArgumentException(
            $"Header '{name}' holds a {value.GetType().Name}, which AMQP headers cannot carry: use bool, an integer up to 64 bits, " +
            "float, double, decimal, string, byte[], DateTimeOffset, a list or a table of these.",
            nameof(value)),
    };
}
