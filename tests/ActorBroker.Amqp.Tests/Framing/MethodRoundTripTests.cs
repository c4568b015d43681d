using System.Buffers;
using System.Reflection;
using ActorBroker.Amqp.Framing;
using ActorBroker.Amqp.Tests.Support;

namespace ActorBroker.Amqp.Tests.Framing;

public class MethodRoundTripTests
{
    private static readonly Type[] s_methodTypes = typeof(BasicPublish).Assembly.GetTypes()
        .Where(t => t.IsValueType && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAmqpMethod<>)))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> MethodNames() => [.. s_methodTypes.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(MethodNames))]
    public void Every_generated_method_survives_a_round_trip_through_a_frame(string methodName)
    {
        var type = s_methodTypes.Single(t => t.Name == methodName);
        var roundTrip = typeof(MethodRoundTripTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type);

        for (var seed = 0; seed < 20; seed++)
        {
            var original = Randomized(type, new RandomValues(seed));
            var decoded = roundTrip.Invoke(null, [original])!;
            MethodComparer.AssertEqual(original, decoded);
        }
    }

    [Fact]
    public void Every_method_id_has_exactly_one_struct_and_the_ids_match_the_spec_numbering()
    {
        var ids = Enum.GetValues<AmqpMethodId>();
        var structIds = s_methodTypes.Select(t => (AmqpMethodId)t.GetProperty("Id", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!).ToArray();

        Assert.Equal(ids.Order(), structIds.Order());
        Assert.Equal(AmqpMethods.Compose(BasicPublish.ClassId, BasicPublish.MethodId), BasicPublish.Id);
        Assert.Equal("basic.publish", AmqpMethods.GetName(AmqpMethodId.BasicPublish));
        Assert.True(AmqpMethods.HasContent(AmqpMethodId.BasicDeliver));
        Assert.False(AmqpMethods.HasContent(AmqpMethodId.BasicAck));
    }

    [Fact]
    public void New_methods_carry_the_spec_defaults()
    {
        Assert.True(new BasicReject().Requeue);
        Assert.True(new BasicNack().Requeue);
        Assert.Equal(9, new ConnectionStart().VersionMinor);
        Assert.Equal("PLAIN"u8.ToArray(), new ConnectionStart().Mechanisms.ToArray());
        Assert.Equal("/", new ConnectionOpen().VirtualHost);
        Assert.Equal("direct", new ExchangeDeclare().Type);
    }

    [Fact]
    public void Default_struct_with_null_strings_writes_empty_strings()
    {
        var publish = default(BasicPublish);

        var decoded = BasicPublish.Read(FrameBytes.Method(1, publish).AsSpan(FrameReader.HeaderSize + AmqpMethods.IdSize));

        Assert.Equal("", decoded.Exchange);
        Assert.Equal("", decoded.RoutingKey);
    }

    [Fact]
    public void Unknown_method_id_is_reported_as_not_implemented()
    {
        var visitor = new BoxingVisitor();

        var error = Assert.Throws<AmqpProtocolException>(() => AmqpMethods.Dispatch<BoxingVisitor, object>((AmqpMethodId)((60 << 16) | 999), [], ref visitor));

        Assert.Equal(ReplyCode.NotImplemented, error.ReplyCode);
        Assert.Contains("class 60, method 999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_arguments_are_a_frame_error_naming_the_field()
    {
        var error = Assert.Throws<AmqpProtocolException>(() => BasicAck.Read([0, 0, 0, 1]));

        Assert.Equal(ReplyCode.FrameError, error.ReplyCode);
        Assert.Contains("longlong", error.Message, StringComparison.Ordinal);
    }

    private static object RoundTrip<TMethod>(object boxed)
        where TMethod : struct, IAmqpMethod<TMethod>
    {
        var method = (TMethod)boxed;
        var output = new ArrayBufferWriter<byte>();
        FrameWriter.WriteMethod(output, 7, method);

        var input = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.True(FrameReader.TryReadFrame(ref input, 0, out var frame));
        Assert.Equal(FrameType.Method, frame.Type);
        Assert.Equal(7, frame.Channel);
        Assert.True(input.IsEmpty);

        var payload = frame.Payload.ToArray();
        Assert.Equal(AmqpMethods.IdSize + method.GetSize(), payload.Length);
        var id = AmqpMethods.ReadId(payload);
        Assert.Equal(TMethod.Id, id);

        var visitor = new BoxingVisitor();
        return AmqpMethods.Dispatch<BoxingVisitor, object>(id, payload.AsSpan(AmqpMethods.IdSize), ref visitor);
    }

    private static object Randomized(Type type, RandomValues random)
    {
        var method = Activator.CreateInstance(type)!;
        foreach (var property in MethodComparer.Arguments(type))
        {
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(method, random.For(propertyType));
        }

        return method;
    }

    private struct BoxingVisitor : IAmqpMethodVisitor<object>
    {
        public readonly object Visit<TMethod>(in TMethod method)
            where TMethod : struct, IAmqpMethod<TMethod> => method;
    }
}
