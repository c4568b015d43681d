using System.Reflection;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Tests.Support;

/// <summary>Compares generated method structs argument by argument, by content rather than by reference.</summary>
internal static class MethodComparer
{
    public static IEnumerable<PropertyInfo> Arguments(Type methodType) =>
        methodType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

    public static void AssertEqual(object expected, object actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        foreach (var property in Arguments(expected.GetType()))
        {
            var want = property.GetValue(expected);
            var got = property.GetValue(actual);
            Assert.True(ValuesEqual(want, got), $"{expected.GetType().Name}.{property.Name}: expected {want}, got {got}");
        }
    }

    private static bool ValuesEqual(object? expected, object? actual) => (expected, actual) switch
    {
        (ReadOnlyMemory<byte> a, ReadOnlyMemory<byte> b) => a.Span.SequenceEqual(b.Span),
        // An empty table is written like no table, and read back as null.
        (FieldTable a, null) => a.Count == 0,
        (FieldTable a, FieldTable b) => a.ContentEquals(b),
        _ => Equals(expected, actual),
    };
}
