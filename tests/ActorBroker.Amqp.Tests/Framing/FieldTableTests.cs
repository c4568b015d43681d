using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class FieldTableTests
{
    [Fact]
    public void Table_with_every_field_type_and_nesting_survives_a_round_trip_in_order()
    {
        var nested = new FieldTable { { "inner", FieldValue.Of(7) }, { "list", FieldValue.Of([FieldValue.Of("a"), FieldValue.Of(new FieldTable { { "deep", FieldValue.Of(true) } })]) } };
        var table = new FieldTable
        {
            { "bool", FieldValue.Of(true) },
            { "int8", FieldValue.Of((sbyte)-5) },
            { "uint8", FieldValue.Of((byte)250) },
            { "int16", FieldValue.Of((short)-300) },
            { "uint16", FieldValue.Of((ushort)65000) },
            { "int32", FieldValue.Of(-70000) },
            { "uint32", FieldValue.Of(4_000_000_000u) },
            { "int64", FieldValue.Of(long.MinValue) },
            { "float", FieldValue.Of(1.5f) },
            { "double", FieldValue.Of(-2.25) },
            { "decimal", FieldValue.Of(new AmqpDecimal(2, 12345)) },
            { "longstr", FieldValue.Of("héllo") },
            { "binary longstr", FieldValue.LongString([0xFF, 0x00]) },
            { "bytes", FieldValue.ByteArray([0, 1, 255]) },
            { "array", FieldValue.Of([FieldValue.Of(1), FieldValue.Of("two"), FieldValue.Void]) },
            { "timestamp", FieldValue.Of(new AmqpTimestamp(1_700_000_000)) },
            { "table", FieldValue.Of(nested) },
            { "void", FieldValue.Void },
        };

        var decoded = RoundTrip(table);

        Assert.True(table.ContentEquals(decoded), $"expected {table}, got {decoded}");
        Assert.Equal(table.Select(e => e.Key), decoded.Select(e => e.Key));
        Assert.Equal(123.45m, decoded["decimal"].AsDecimal().ToDecimal());
        Assert.Equal("héllo", decoded["longstr"].AsString());
        Assert.True(decoded["table"].AsTable()["list"].AsArray()[1].AsTable()["deep"].AsBoolean());
    }

    [Theory]
    [InlineData("t", "01", FieldValueKind.Boolean)]
    [InlineData("b", "FB", FieldValueKind.SByte)]
    [InlineData("B", "FB", FieldValueKind.Byte)]
    [InlineData("s", "FFFE", FieldValueKind.Int16)]
    [InlineData("u", "FFFE", FieldValueKind.UInt16)]
    [InlineData("I", "FFFFFFFE", FieldValueKind.Int32)]
    [InlineData("i", "FFFFFFFE", FieldValueKind.UInt32)]
    [InlineData("l", "FFFFFFFFFFFFFFFE", FieldValueKind.Int64)]
    [InlineData("f", "3FC00000", FieldValueKind.Single)]
    [InlineData("d", "3FF8000000000000", FieldValueKind.Double)]
    [InlineData("D", "02 00003039", FieldValueKind.Decimal)]
    [InlineData("S", "00000002 6869", FieldValueKind.LongString)]
    [InlineData("x", "00000002 0102", FieldValueKind.ByteArray)]
    [InlineData("A", "00000002 7401", FieldValueKind.Array)]
    [InlineData("T", "000000006553F100", FieldValueKind.Timestamp)]
    [InlineData("F", "00000000", FieldValueKind.Table)]
    [InlineData("V", "", FieldValueKind.Void)]
    public void Each_type_octet_RabbitMQ_uses_decodes_and_reencodes_to_the_same_bytes(string typeOctet, string valueHex, FieldValueKind kind)
    {
        var entry = FrameBytes.Hex("01 6B" + Convert.ToHexString([(byte)typeOctet[0]]) + valueHex);   // name "k"
        var encoded = FrameBytes.Hex($"{entry.Length:X8}").Concat(entry).ToArray();

        var reader = new AmqpReader(encoded);
        var table = reader.ReadTable()!;

        Assert.Equal(kind, table["k"].Kind);
        var rewritten = new byte[AmqpWriter.SizeOfTable(table)];
        new AmqpWriter(rewritten).WriteTable(table);
        Assert.Equal(encoded, rewritten);
    }

    [Fact]
    public void Signed_and_unsigned_integers_read_back_with_their_sign()
    {
        var table = RoundTrip(new FieldTable { { "s", FieldValue.Of((short)-2) }, { "u", FieldValue.Of((ushort)65534) } });

        Assert.Equal(-2, table["s"].AsInt16());
        Assert.Equal(65534, table["u"].AsUInt16());
        Assert.True(table["s"].TryGetInteger(out var widened));
        Assert.Equal(-2, widened);
    }

    [Fact]
    public void Unknown_type_octet_is_a_syntax_error_naming_the_octet()
    {
        var encoded = FrameBytes.Hex("00000003 01 6B 5A");   // "k" with type 'Z'

        var error = Assert.Throws<AmqpProtocolException>(() => new AmqpReader(encoded).ReadTable());

        Assert.Equal(ReplyCode.SyntaxError, error.ReplyCode);
        Assert.Contains("unknown type octet 0x5A", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_name_is_a_syntax_error()
    {
        var encoded = FrameBytes.Hex("00000008 01 6B 56 01 6B 74 01 00");

        var error = Assert.Throws<AmqpProtocolException>(() => new AmqpReader(encoded).ReadTable());

        Assert.Equal(ReplyCode.SyntaxError, error.ReplyCode);
        Assert.Contains("'k' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_running_past_the_table_end_is_a_frame_error()
    {
        var encoded = FrameBytes.Hex("00000007 01 6B 53 000000FF 00");   // long string claims 255 bytes inside a 7-byte table

        var error = Assert.Throws<AmqpProtocolException>(() => new AmqpReader(encoded).ReadTable());

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
    }

    [Fact]
    public void Hostile_nesting_is_refused_instead_of_exhausting_the_stack()
    {
        const int levels = 10_000;
        var encoded = new List<byte>();
        for (var level = levels; level > 0; level--)
        {
            encoded.InsertRange(0, FrameBytes.Hex("41").Concat(FrameBytes.Hex($"{encoded.Count:X8}")));   // 'A' arrays, each holding the next
        }

        var table = FrameBytes.Hex("01 6B").Concat(encoded).ToArray();
        var withLength = FrameBytes.Hex($"{table.Length:X8}").Concat(table).ToArray();

        var error = Assert.Throws<AmqpProtocolException>(() => new AmqpReader(withLength).ReadTable());

        Assert.Equal(ReplyCode.SyntaxError, error.ReplyCode);
    }

    [Fact]
    public void Empty_table_reads_as_null_and_writes_as_four_zero_bytes()
    {
        var encoded = new byte[4];
        new AmqpWriter(encoded).WriteTable(null);

        Assert.Equal(new byte[4], encoded);
        Assert.Null(new AmqpReader(encoded).ReadTable());
    }

    [Fact]
    public void Asking_for_the_wrong_type_says_what_the_value_is()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FieldValue.Of("text").AsInt32());

        Assert.Contains("LongString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_an_existing_name_keeps_its_position()
    {
        var table = new FieldTable { { "a", FieldValue.Of(1) }, { "b", FieldValue.Of(2) } };

        table["a"] = FieldValue.Of(3);

        Assert.Equal(["a", "b"], table.Select(e => e.Key));
        Assert.Equal(3, table["a"].AsInt32());
    }

    private static FieldTable RoundTrip(FieldTable table)
    {
        var encoded = new byte[AmqpWriter.SizeOfTable(table)];
        var writer = new AmqpWriter(encoded);
        writer.WriteTable(table);
        Assert.Equal(encoded.Length, writer.Position);
        return new AmqpReader(encoded).ReadTable()!;
    }
}
