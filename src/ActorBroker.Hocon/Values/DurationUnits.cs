namespace ActorBroker.Hocon.Values;

/// <summary>Duration units of the spec (lowercase only); a number without a unit is milliseconds.</summary>
internal static class DurationUnits
{
    private static readonly Dictionary<string, decimal> s_nanosPerUnit = Build();

    public const string Expected = "a duration such as 10s, 500 ms or 2 minutes (units: ns, us, ms, s, m, h, d and their long forms)";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        if (!UnitValue.TryParse(text, out var number, out var unit))
            return false;
        if (unit.Length == 0)
            unit = "ms";
        return s_nanosPerUnit.TryGetValue(unit, out var nanos) && TryFromNanoseconds(number, nanos, out duration);
    }

    private static bool TryFromNanoseconds(decimal number, decimal nanosPerUnit, out TimeSpan duration)
    {
        duration = default;
        try
        {
            var ticks = decimal.Round(number * nanosPerUnit / 100m, MidpointRounding.AwayFromZero);
            if (ticks < TimeSpan.MinValue.Ticks || ticks > TimeSpan.MaxValue.Ticks)
                return false;
            duration = TimeSpan.FromTicks((long)ticks);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Add(decimal nanos, params string[] names)
        {
            foreach (var name in names)
                units[name] = nanos;
        }
        Add(1m, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(1_000m, "us", "micro", "micros", "microsecond", "microseconds");
        Add(1_000_000m, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(1_000_000_000m, "s", "second", "seconds");
        Add(60_000_000_000m, "m", "minute", "minutes");
        Add(3_600_000_000_000m, "h", "hour", "hours");
        Add(86_400_000_000_000m, "d", "day", "days");
        return units;
    }
}
