namespace ActorBroker.Client.Tests.Serialization;

public class StreamOptionsTests
{
    [Theory]
    [InlineData(7 * 86_400, "7D")]
    [InlineData(36 * 3_600, "36h")]
    [InlineData(90 * 60, "90m")]
    [InlineData(90, "90s")]
    public void A_max_age_is_written_in_the_largest_unit_that_divides_it(int seconds, string expected) =>
        Assert.Equal(expected, new StreamOptions(MaxAge: TimeSpan.FromSeconds(seconds)).ToArguments()["x-max-age"]);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1.5)]
    public void A_max_age_that_is_not_a_positive_number_of_whole_seconds_is_refused(double seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamOptions(MaxAge: TimeSpan.FromSeconds(seconds)).ToArguments());

    [Fact]
    public void Offsets_and_groups_become_the_consume_arguments_the_broker_reads()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        Assert.Null(StreamSubscribeOptions.Default.ToArguments());
        Assert.Equal("first", new StreamSubscribeOptions(StreamOffset.First).ToArguments()!["x-stream-offset"]);
        Assert.Equal(42L, new StreamSubscribeOptions(StreamOffset.At(42)).ToArguments()!["x-stream-offset"]);
        Assert.Equal(time, new StreamSubscribeOptions(StreamOffset.FromTime(time.AddMilliseconds(300))).ToArguments()!["x-stream-offset"]);
        Assert.Equal("g", new StreamSubscribeOptions(ConsumerGroup: "g").ToArguments()!["x-consumer-group"]);
    }
}
