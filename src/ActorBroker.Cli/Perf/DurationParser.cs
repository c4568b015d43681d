using System.Globalization;

namespace ActorBroker.Cli.Perf;

/// <summary>Reads durations such as <c>10s</c>, <c>500ms</c>, <c>2m</c>; a bare number is seconds.</summary>
internal static class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var (digits, unit) = Split(text.Trim());
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            return false;
        TimeSpan? parsed = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "" or "s" => TimeSpan.FromSeconds(amount),
            "m" or "min" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => null,
        };
        if (parsed is not { } value || value <= TimeSpan.Zero)
            return false;
        duration = value;
        return true;
    }

    private static (string Digits, string Unit) Split(string text)
    {
        var end = 0;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '.'))
            end++;
        return (text[..end], text[end..].ToLowerInvariant());
    }
}
