using System.Globalization;

namespace ActorBroker.Hocon.Values;

/// <summary>
/// The spec's units format: optional whitespace, a number, optional whitespace, an optional unit made
/// of letters, optional whitespace — <c>10s</c>, <c>500 ms</c>, <c>1.5 GiB</c>.
/// </summary>
internal static class UnitValue
{
    public static bool TryParse(string text, out decimal number, out string unit)
    {
        var trimmed = text.AsSpan().Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
            unitStart--;
        unit = trimmed[unitStart..].ToString();
        return decimal.TryParse(trimmed[..unitStart].TrimEnd(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
