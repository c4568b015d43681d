using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Tests.Messages;

public class HeadersTests
{
    [Fact]
    public void Field_values_keep_their_types()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var headers = new Headers
        {
            ["flag"] = true,
            ["count"] = 42,
            ["ratio"] = 0.5,
            ["name"] = "x",
            ["at"] = at,
            ["nested"] = new Headers { ["inner"] = 1 },
            ["list"] = FieldValue.From([1, "two"]),
            ["raw"] = FieldValue.From(new byte[] { 1, 2 }.AsMemory()),
            ["none"] = FieldValue.Void,
        };

        Assert.True(headers["flag"].AsBoolean());
        Assert.Equal(42, headers["count"].AsInteger());
        Assert.Equal(0.5, headers["ratio"].AsDouble());
        Assert.Equal(at, headers["at"].AsTimestamp());
        Assert.Equal(1, headers["nested"].AsTable()["inner"].AsInteger());
        Assert.Equal("two", headers["list"].AsArray()[1].AsString());
        Assert.Equal([1, 2], headers["raw"].AsBytes().ToArray());
        Assert.Equal(FieldKind.Void, headers["none"].Kind);
    }

    [Fact]
    public void Reading_a_value_as_the_wrong_kind_says_what_it_is()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FieldValue.From("text").AsInteger());

        Assert.Equal("Field value is String, not Integer.", error.Message);
    }

    [Fact]
    public void Numeric_arguments_may_arrive_as_strings()
    {
        Assert.True(FieldValue.From("1500").TryGetInteger(out var ms));
        Assert.Equal(1500, ms);
        Assert.False(FieldValue.From("soon").TryGetInteger(out _));
    }

    [Fact]
    public void Tables_compare_by_content_in_any_order_and_reject_duplicate_adds()
    {
        var a = new Headers { ["x"] = 1, ["y"] = "b" };
        var b = new Headers { ["y"] = "b", ["x"] = 1 };

        Assert.True(a.ContentEquals(b));
        Assert.False(a.ContentEquals(new Headers { ["x"] = 2, ["y"] = "b" }));
        Assert.Throws<ArgumentException>(() => a.Add("x", 3));
        Assert.Throws<KeyNotFoundException>(() => a["missing"]);
    }

    [Fact]
    public void Equal_byte_and_array_values_are_equal()
    {
        Assert.Equal(FieldValue.From(new byte[] { 1 }.AsMemory()), FieldValue.From(new byte[] { 1 }.AsMemory()));
        Assert.Equal(FieldValue.From([1, 2]), FieldValue.From([1, 2]));
        Assert.NotEqual(FieldValue.From(1), FieldValue.From("1"));
    }
}
