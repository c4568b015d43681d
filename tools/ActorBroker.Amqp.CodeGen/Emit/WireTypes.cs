using ActorBroker.Amqp.CodeGen.Spec;

namespace ActorBroker.Amqp.CodeGen.Emit;

/// <summary>How each wire type maps onto C#: its type, reader and writer calls and size.</summary>
internal static class WireTypes
{
    public static string ClrType(WireType type) => type switch
    {
        WireType.Bit => "bool",
        WireType.Octet => "byte",
        WireType.Short => "ushort",
        WireType.Long => "uint",
        WireType.LongLong => "ulong",
        WireType.Timestamp => "AmqpTimestamp",
        WireType.ShortStr => "string",
        WireType.LongStr => "ReadOnlyMemory<byte>",
        WireType.Table => "FieldTable?",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string ReadCall(WireType type) => type switch
    {
        WireType.Octet => "reader.ReadOctet()",
        WireType.Short => "reader.ReadUInt16()",
        WireType.Long => "reader.ReadUInt32()",
        WireType.LongLong => "reader.ReadUInt64()",
        WireType.Timestamp => "reader.ReadTimestamp()",
        WireType.ShortStr => "reader.ReadShortString()",
        WireType.LongStr => "reader.ReadLongString()",
        WireType.Table => "reader.ReadTable()",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string WriteCall(WireType type, string value) => type switch
    {
        WireType.Octet => $"writer.WriteOctet({value});",
        WireType.Short => $"writer.WriteUInt16({value});",
        WireType.Long => $"writer.WriteUInt32({value});",
        WireType.LongLong => $"writer.WriteUInt64({value});",
        WireType.Timestamp => $"writer.WriteTimestamp({value});",
        WireType.ShortStr => $"writer.WriteShortString({value});",
        WireType.LongStr => $"writer.WriteLongString({value}.Span);",
        WireType.Table => $"writer.WriteTable({value});",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The encoded size of a fixed-size type, or null when it depends on the value.</summary>
    public static int? FixedSize(WireType type) => type switch
    {
        WireType.Octet => 1,
        WireType.Short => 2,
        WireType.Long => 4,
        WireType.LongLong or WireType.Timestamp => 8,
        _ => null,
    };

    public static string VariableSize(WireType type, string value) => type switch
    {
        WireType.ShortStr => $"AmqpWriter.SizeOfShortString({value})",
        WireType.LongStr => $"4 + {value}.Length",
        WireType.Table => $"AmqpWriter.SizeOfTable({value})",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The doc comment naming the field as the spec does, with its wire type and default.</summary>
    public static string Doc(SpecField field)
    {
        var spec = field.DefaultValue;
        var defaultText = spec switch
        {
            { Boolean: { } b } => b ? "; default true" : "; default false",
            { Number: { } n } => "; default " + Naming.Number(n),
            { Text: { Length: > 0 } t } => $"; default \"{t}\"",
            _ => "",
        };
        return $"/// <summary>Spec field <c>{field.Name}</c> ({field.Type.ToString().ToLowerInvariant()}{defaultText}).</summary>";
    }

    /// <summary>The C# expression for a spec default, or null when the CLR default already matches.</summary>
    public static string? DefaultExpression(SpecField field)
    {
        var spec = field.DefaultValue;
        return field.Type switch
        {
            WireType.Bit => spec?.Boolean == true ? "true" : null,
            WireType.ShortStr => Naming.Literal(spec?.Text ?? ""),
            WireType.LongStr when !string.IsNullOrEmpty(spec?.Text) => $"{Naming.Literal(spec.Text)}u8.ToArray()",
            WireType.Octet or WireType.Short or WireType.Long or WireType.LongLong when spec?.Number is { } n && n != 0
                => Naming.Number(n),
            _ => null,
        };
    }
}
