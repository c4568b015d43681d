using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Streams;

namespace ActorBroker.Broker.Tests.Streams;

public sealed class StreamStartTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static StreamStart Parse(FieldValue value) => StreamStart.Parse(new Headers { [StreamStart.Argument] = value }, s_now);

    [Fact]
    public void No_argument_means_next() => Assert.Same(StreamStart.Next, StreamStart.Parse(null, s_now));

    [Fact]
    public void Every_form_RabbitMQ_takes_is_read()
    {
        Assert.IsType<StreamStart.FirstStart>(Parse("first"));
        Assert.IsType<StreamStart.LastStart>(Parse("last"));
        Assert.Same(StreamStart.Next, Parse("next"));
        Assert.Equal(new StreamStart.AtOffset(42), Parse(42L));
        Assert.Equal(new StreamStart.AtOffset(7), Parse((short)7));
        Assert.Equal(new StreamStart.AtTime(s_now.AddHours(-1)), Parse(s_now.AddHours(-1)));
        Assert.Equal(new StreamStart.AtTime(s_now.AddMinutes(-30)), Parse("30m"));
        Assert.Equal(new StreamStart.AtTime(s_now.AddDays(-2)), Parse("2D"));
    }

    [Theory]
    [InlineData("middle")]
    [InlineData("1x")]
    [InlineData("0h")]
    public void Anything_else_is_a_precondition_failure(string value)
    {
        var error = Assert.Throws<BrokerException>(() => Parse(value));

        Assert.Equal(BrokerErrorCode.PreconditionFailed, error.Code);
    }

    [Theory]
    [InlineData("7D", 7 * 24 * 3600)]
    [InlineData("12h", 12 * 3600)]
    [InlineData("1Y", 365 * 24 * 3600)]
    [InlineData("1M", 30 * 24 * 3600)]
    [InlineData("10s", 10)]
    public void Ages_read_as_RabbitMQ_writes_them(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), StreamSettings.ParseAge(text));
}
