using ActorBroker.Client.Protocol;
using ActorBroker.Client.Serialization;
using Akka.Serialization;

namespace ActorBroker.Client.Tests.Serialization;

public class ClientProtocolSerializerTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly MessageProperties s_fullProperties = new()
    {
        ContentType = "application/json",
        ContentEncoding = "utf-8",
        Headers = new Dictionary<string, object?>
        {
            ["null"] = null,
            ["bool"] = true,
            ["sbyte"] = (sbyte)-5,
            ["byte"] = (byte)250,
            ["short"] = (short)-300,
            ["ushort"] = (ushort)60000,
            ["int"] = -70000,
            ["uint"] = 4000000000u,
            ["long"] = long.MinValue,
            ["float"] = 1.5f,
            ["double"] = -2.25,
            ["decimal"] = 12.345m,
            ["string"] = "héllo",
            ["bytes"] = new byte[] { 0, 1, 255 },
            ["time"] = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            ["list"] = new List<object?> { 1, "two", null },
            ["table"] = new Dictionary<string, object?> { ["inner"] = 3L },
        },
        Persistent = true,
        Priority = 7,
        CorrelationId = "c-1",
        ReplyTo = "replies",
        Expiration = TimeSpan.FromSeconds(30),
        MessageId = "m-1",
        Timestamp = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000),
        Type = "order",
        UserId = "guest",
        AppId = "tests",
    };

    public ClientProtocolSerializerTests() => ClientSerialization.Register(Sys);

    public static TheoryData<object> Messages() =>
    [
        new Publish(42, "ex", "rk", s_fullProperties, new byte[] { 1, 2, 3 }, Mandatory: true),
        new Publish(-1, "", "q", MessageProperties.Empty, ReadOnlyMemory<byte>.Empty, Mandatory: false),
        new Confirm(42, Accepted: false, 404, "no exchange"),
        new BrokerDelivery("tag", 9, 2, "q", "ex", "rk", s_fullProperties, new byte[] { 9 }),
        new DeliverySettlement(ulong.MaxValue, SettlementKind.Reject),
        new Unsubscribe("tag"),
        new ConsumerFailed(3, "System.InvalidOperationException", "no"),
        new Get("q", AutoAck: true),
        new GetReply(null, 0),
        new GetReply(new BrokerDelivery(null, 1, 1, "q", "", "q", MessageProperties.Empty, new byte[] { 5 }), 12),
        new Request("", "svc", s_fullProperties, new byte[] { 7 }, TimeSpan.FromSeconds(3)),
        new DeclareQueue("q", new QueueOptions(Durable: false, Exclusive: true, AutoDelete: true, s_fullProperties.Headers)),
        new DeleteQueue("q", IfUnused: true, IfEmpty: false),
        new PurgeQueue("q"),
        new DeclareExchange("ex", new ExchangeOptions("topic", Durable: false, AutoDelete: true, Internal: true, null)),
        new DeleteExchange("ex", IfUnused: true),
        new ChangeBinding(Bind: false, ToExchange: true, "dest", "src", "a.#", new Dictionary<string, object?> { ["x-match"] = "any" }),
        new QueueDeclared("amq.gen-1", 3, 1),
        new Count(17),
        new Failed(406, "precondition failed"),
        Done.Instance,
        new SubscriptionCancelled("tag", "q"),
        new AckWithOutputs(5, [new PublishMessage("ex", "rk", new byte[] { 1, 2 }, s_fullProperties, Mandatory: true), new PublishMessage("", "q", ReadOnlyMemory<byte>.Empty, MessageProperties.Empty)]),
        new TransactionCommitted(5),
        new TransactionFailed(5, 540, "not atomic"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_protocol_message_is_bound_to_the_serializer_and_comes_back_equal(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ClientProtocolSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        var copy = Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);

        Assert.Equal(Describe(message), Describe(copy));
    }

    [Fact]
    public void Messages_that_carry_actor_references_resolve_them_on_the_way_back()
    {
        var open = new OpenSession("s-1", "/", TestActor);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(open);

        var copy = (OpenSession)serializer.FromBinary(serializer.ToBinary(open), serializer.Manifest(open));

        Assert.Equal(("s-1", "/", TestActor), (copy.SessionId, copy.VirtualHost, copy.Client));
    }

    [Fact]
    public void A_subscribe_carries_its_consume_arguments_and_whether_it_is_to_a_super_stream()
    {
        var subscribe = new Subscribe("tag", "orders", TestActor, new SubscribeOptions(5), new Dictionary<string, object?> { ["x-stream-offset"] = 7L }, SuperStream: true);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(subscribe);

        var copy = (Subscribe)serializer.FromBinary(serializer.ToBinary(subscribe), serializer.Manifest(subscribe));

        Assert.Equal(("tag", "orders", TestActor, subscribe.Options, 7L, true), (copy.ConsumerTag, copy.Queue, copy.Subscriber, copy.Options, copy.Arguments!["x-stream-offset"], copy.SuperStream));
    }

    [Fact]
    public void A_subscribe_of_a_client_from_before_streams_is_still_read()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new ProtocolWriter(buffer);
        writer.String("tag");
        writer.String("q");
        writer.String(Akka.Serialization.Serialization.SerializedActorPath(TestActor));
        writer.VarInt(10);
        writer.Bool(false);
        writer.Bool(true);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(Done.Instance);

        var copy = (Subscribe)serializer.FromBinary(buffer.WrittenSpan.ToArray(), "Sub");

        Assert.Equal(new Subscribe("tag", "q", TestActor, new SubscribeOptions(10, AutoAck: false, Exclusive: true)), copy);
    }

    [Fact]
    public void A_consumer_failure_of_a_client_from_before_exception_headers_is_read_as_type_and_message()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new ProtocolWriter(buffer);
        writer.VarUInt(3);
        writer.String("InvalidOperationException: no: really");
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(Done.Instance);

        var copy = serializer.FromBinary(buffer.WrittenSpan.ToArray(), "CF");

        Assert.Equal(new ConsumerFailed(3, "InvalidOperationException", "no: really"), copy);
    }

    [Fact]
    public void Header_values_keep_their_types()
    {
        var delivery = new BrokerDelivery("t", 1, 1, "q", "", "q", s_fullProperties, ReadOnlyMemory<byte>.Empty);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(delivery);

        var copy = (BrokerDelivery)serializer.FromBinary(serializer.ToBinary(delivery), serializer.Manifest(delivery));

        Assert.Equal(
            s_fullProperties.Headers!.Select(h => (h.Key, h.Value?.GetType())),
            copy.Properties.Headers!.Select(h => (h.Key, h.Value?.GetType() == typeof(List<object?>) ? typeof(List<object?>) : h.Value?.GetType())));
    }

    [Fact]
    public void A_truncated_payload_is_refused_as_invalid_data()
    {
        var publish = new Publish(1, "ex", "rk", s_fullProperties, new byte[] { 1, 2, 3 }, Mandatory: false);
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(publish);
        var bytes = serializer.ToBinary(publish);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => serializer.FromBinary(bytes[..length], "P"));
        }
    }

    [Fact]
    public void An_unknown_manifest_is_refused_as_invalid_data()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerFor(Done.Instance);

        Assert.Throws<InvalidDataException>(() => serializer.FromBinary([], "nope"));
    }

    [Fact]
    public void A_header_of_a_type_AMQP_cannot_carry_is_refused_by_name()
    {
        var publish = new Publish(1, "ex", "rk", new MessageProperties { Headers = new Dictionary<string, object?> { ["span"] = TimeSpan.Zero } }, ReadOnlyMemory<byte>.Empty, false);
        var serializer = Sys.Serialization.FindSerializerFor(publish);

        var error = Assert.Throws<ArgumentException>(() => serializer.ToBinary(publish));
        Assert.Contains("'span'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A structural rendering: records compare bodies and tables by reference, this compares their contents.</summary>
    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => '"' + s + '"',
        byte[] bytes => "bytes:" + Convert.ToHexString(bytes),
        ReadOnlyMemory<byte> memory => "bytes:" + Convert.ToHexString(memory.Span),
        IReadOnlyDictionary<string, object?> table => "{" + string.Join(",", table.Select(f => f.Key + "=" + Describe(f.Value))) + "}",
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(Describe)) + "]",
        MessageProperties or BrokerDelivery or Publish or PublishMessage or AckWithOutputs or Request or GetReply or DeclareQueue or ChangeBinding or DeclareExchange or QueueOptions or ExchangeOptions =>
            value.GetType().Name + "(" + string.Join(",", value.GetType().GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public).Where(p => p.GetIndexParameters().Length == 0).Select(p => p.Name + "=" + Describe(p.GetValue(value)))) + ")",
        IFormattable formattable => value.GetType().Name + ":" + formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
