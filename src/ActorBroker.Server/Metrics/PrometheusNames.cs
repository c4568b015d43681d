using System.Diagnostics.Metrics;

namespace ActorBroker.Server.Metrics;

/// <summary>
/// Prometheus names for .NET instruments and tags: characters outside <c>[a-zA-Z0-9_:]</c> (the dots of
/// OpenTelemetry-style names) become underscores, the unit is spelled out as a suffix (<c>_seconds</c>,
/// <c>_bytes</c>; annotations like <c>{message}</c> add nothing), and counters end in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> s_units = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["%"] = "percent",
    };

    public static string ForInstrument(Instrument instrument, MetricKind kind)
    {
        var name = Sanitize(instrument.Name, allowColon: true);
        if (UnitSuffix(instrument.Unit) is { } unit && !name.EndsWith("_" + unit, StringComparison.Ordinal))
        {
            name += "_" + unit;
        }

        return kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>A label name: as a metric name, but without colons.</summary>
    public static string ForLabel(string tag) => Sanitize(tag, allowColon: false);

    private static string? UnitSuffix(string? unit)
    {
        if (string.IsNullOrEmpty(unit) || unit == "1" || unit[0] == '{')
        {
            return null;
        }

        return s_units.TryGetValue(unit, out var spelled) ? spelled : Sanitize(unit, allowColon: false);
    }

    private static string Sanitize(string name, bool allowColon)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var valid = char.IsAsciiDigit(name[0]) ? "_" + name : name;
        return string.Create(valid.Length, (valid, allowColon), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = state.valid[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c == '_' || (c == ':' && state.allowColon) ? c : '_';
            }
        });
    }
}
