namespace ActorBroker.Hocon.Values;

/// <summary>
/// Size units of the spec: <c>kB</c>, <c>MB</c>… and their long forms are powers of 10; <c>K</c>/<c>k</c>,
/// <c>Ki</c>, <c>KiB</c>, <c>kibibyte</c>… are powers of 2. A number without a unit is bytes.
/// </summary>
internal static class SizeUnits
{
    private static readonly Dictionary<string, decimal> s_bytesPerUnit = Build();

    public const string Expected = "a size such as 512, 64MiB, 1k or 512 kB";

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (!UnitValue.TryParse(text, out var number, out var unit))
            return false;
        return s_bytesPerUnit.TryGetValue(unit.Length == 0 ? "B" : unit, out var size) && TryMultiply(number, size, out bytes);
    }

    /// <summary>Fractions of a byte are dropped: <c>1.5K</c> is 1536, <c>0.3 B</c> is 0.</summary>
    public static bool TryMultiply(decimal number, decimal unit, out long bytes)
    {
        bytes = 0;
        try
        {
            var exact = decimal.Truncate(number * unit);
            if (exact < long.MinValue || exact > long.MaxValue)
                return false;
            bytes = (long)exact;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static Dictionary<string, decimal> Build()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal)
        {
            ["B"] = 1m,
            ["b"] = 1m,
            ["byte"] = 1m,
            ["bytes"] = 1m,
        };
        (string Decimal, string DecimalName, string Binary, string BinaryName)[] prefixes =
        [
            ("kB", "kilo", "K", "kibi"), ("MB", "mega", "M", "mebi"), ("GB", "giga", "G", "gibi"),
            ("TB", "tera", "T", "tebi"), ("PB", "peta", "P", "pebi"), ("EB", "exa", "E", "exbi"),
            ("ZB", "zetta", "Z", "zebi"), ("YB", "yotta", "Y", "yobi"),
        ];
        decimal powerOfTen = 1m, powerOfTwo = 1m;
        foreach (var (dec, decName, bin, binName) in prefixes)
        {
            powerOfTen *= 1000m;
            powerOfTwo *= 1024m;
            foreach (var name in new[] { dec, decName + "byte", decName + "bytes" })
                units[name] = powerOfTen;
            foreach (var name in new[] { bin, bin.ToLowerInvariant(), bin + "i", bin + "iB", binName + "byte", binName + "bytes" })
                units[name] = powerOfTwo;
        }
        return units;
    }
}
