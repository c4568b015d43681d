using ActorBroker.Hocon.Parsing;

namespace ActorBroker.Hocon.Tests;

/// <summary>
/// Substitutions copy values, so a few lines that each double the line before resolve to gigabytes (a
/// "billion laughs" document; the HOCON fuzz target's allocation budget flags it). Such a document is refused with the line where it grows too
/// large, before it exhausts the memory; a large but reasonable one still resolves.
/// </summary>
public class ResolvedSizeLimitTests
{
    [Theory]
    [InlineData("\"xxxxxxxx\"", "${a{0}}${a{0}}")]
    [InlineData("[1, 2, 3, 4]", "${a{0}} ${a{0}}")]
    [InlineData("{ x = 1 }", "{ l = ${a{0}}, r = ${a{0}} }")]
    public void A_value_that_doubles_on_every_line_is_refused_where_it_grows_too_large(string first, string doubling)
    {
        var lines = new List<string> { $"a0 = {first}" };
        for (var i = 1; i <= 40; i++)
            lines.Add($"a{i} = {doubling.Replace("{0}", (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}");

        var error = Hocon.ParseError(string.Join('\n', lines));

        Assert.Equal(ParseLimits.TooLarge, error.Reason);
        Assert.InRange(error.Line, 2, 41);
    }

    [Fact]
    public void A_large_value_within_the_limit_resolves()
    {
        var text = "a = \"" + new string('x', 100_000) + "\"\nb = ${a}${a}${a}";

        var config = ConfigFactory.ParseString(text, "test.conf");

        Assert.Equal(300_000, config.GetString("b").Length);
    }
}
