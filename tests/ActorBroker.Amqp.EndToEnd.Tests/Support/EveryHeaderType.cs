namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>Headers of every AMQP field type RabbitMQ.Client writes, and the check that a received table kept each type.</summary>
public static class EveryHeaderType
{
    private static readonly DateTimeOffset s_sent = new(2026, 12, 6, 1, 2, 3, TimeSpan.Zero);

    /// <summary>One header per type RabbitMQ.Client writes, and the same again inside a nested table and an array.</summary>
    public static Dictionary<string, object?> Table()
    {
        Dictionary<string, object?> scalars = new()
        {
            ["int"] = 7,
            ["uint"] = 8u,
            ["long"] = 9L,
            ["short"] = (short)-10,
            ["ushort"] = (ushort)11,
            ["sbyte"] = (sbyte)-12,
            ["byte"] = (byte)13,
            ["float"] = 1.5f,
            ["double"] = 2.25d,
            ["decimal"] = 3.75m,
            ["bool"] = true,
            ["string"] = "text",
            ["timestamp"] = new AmqpTimestamp(s_sent.ToUnixTimeSeconds()),
            ["binary"] = new BinaryTableValue([1, 2, 3]),
            ["void"] = null,
        };
        return new Dictionary<string, object?>(scalars)
        {
            ["table"] = new Dictionary<string, object?>(scalars) { ["deeper"] = new Dictionary<string, object?> { ["int"] = 1, ["float"] = 0.5f } },
            ["array"] = new List<object?>(scalars.Values) { new List<object?> { (short)1, (sbyte)2 } },
        };
    }

    /// <summary>Asserts that <paramref name="received"/> holds <see cref="Table"/> with every .NET type as sent.</summary>
    public static void AssertKept(IDictionary<string, object?> received)
    {
        AssertScalars(received);
        var table = Assert.IsType<Dictionary<string, object?>>(received["table"]);
        AssertScalars(table);
        var deeper = Assert.IsType<Dictionary<string, object?>>(table["deeper"]);
        Assert.Equal(1, Assert.IsType<int>(deeper["int"]));
        Assert.Equal(0.5f, Assert.IsType<float>(deeper["float"]));
        var array = Assert.IsType<List<object?>>(received["array"]);
        Assert.Equal(
            [typeof(int), typeof(uint), typeof(long), typeof(short), typeof(ushort), typeof(sbyte), typeof(byte), typeof(float), typeof(double),
             typeof(decimal), typeof(bool), typeof(byte[]), typeof(AmqpTimestamp), typeof(BinaryTableValue), null, typeof(List<object?>)],
            array.Select(item => item?.GetType()));
        Assert.Equal([(short)1, (sbyte)2], Assert.IsType<List<object?>>(array[^1]));
    }

    private static void AssertScalars(IDictionary<string, object?> received)
    {
        Assert.Equal(7, Assert.IsType<int>(received["int"]));
        Assert.Equal(8u, Assert.IsType<uint>(received["uint"]));
        Assert.Equal(9L, Assert.IsType<long>(received["long"]));
        Assert.Equal((short)-10, Assert.IsType<short>(received["short"]));
        Assert.Equal((ushort)11, Assert.IsType<ushort>(received["ushort"]));
        Assert.Equal((sbyte)-12, Assert.IsType<sbyte>(received["sbyte"]));
        Assert.Equal((byte)13, Assert.IsType<byte>(received["byte"]));
        Assert.Equal(1.5f, Assert.IsType<float>(received["float"]));
        Assert.Equal(2.25d, Assert.IsType<double>(received["double"]));
        Assert.Equal(3.75m, Assert.IsType<decimal>(received["decimal"]));
        Assert.True(Assert.IsType<bool>(received["bool"]));
        Assert.Equal("text", Encoding.UTF8.GetString(Assert.IsType<byte[]>(received["string"])));
        Assert.Equal(s_sent.ToUnixTimeSeconds(), Assert.IsType<AmqpTimestamp>(received["timestamp"]).UnixTime);
        Assert.Equal([1, 2, 3], Assert.IsType<BinaryTableValue>(received["binary"]).Bytes);
        Assert.Null(received["void"]);
    }
}
