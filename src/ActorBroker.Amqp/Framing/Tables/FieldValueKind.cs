namespace ActorBroker.Amqp.Framing;

/// <summary>The field value types RabbitMQ uses in tables and arrays; each value is its type octet on the wire.</summary>
public enum FieldValueKind : byte
{
    Void = (byte)'V',
    Boolean = (byte)'t',
    SByte = (byte)'b',
    Byte = (byte)'B',
    Int16 = (byte)'s',
    UInt16 = (byte)'u',
    Int32 = (byte)'I',
    UInt32 = (byte)'i',
    Int64 = (byte)'l',
    Single = (byte)'f',
    Double = (byte)'d',
    Decimal = (byte)'D',
    LongString = (byte)'S',
    ByteArray = (byte)'x',
    Array = (byte)'A',
    Timestamp = (byte)'T',
    Table = (byte)'F',
}
