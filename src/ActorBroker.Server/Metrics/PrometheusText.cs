using System.Globalization;
using System.Text;

namespace ActorBroker.Server.Metrics;

/// <summary>The escaping and number rules of the Prometheus text format 0.0.4.</summary>
internal static class PrometheusText
{
    /// <summary>The content type of a scrape reply.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Appends a HELP text: backslash and line feed escaped.</summary>
    public static StringBuilder AppendHelp(this StringBuilder text, string help)
    {
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }

        return text;
    }

    /// <summary>Appends a label value: backslash, double quote and line feed escaped.</summary>
    public static StringBuilder AppendLabelValue(this StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => text.Append(@"\\"),
                '"' => text.Append("\\\""),
                '\n' => text.Append(@"\n"),
                _ => text.Append(c),
            };
        }

        return text;
    }

    public static StringBuilder AppendNumber(this StringBuilder text, double value) => value switch
    {
        double.PositiveInfinity => text.Append("+Inf"),
        double.NegativeInfinity => text.Append("-Inf"),
        double.NaN => text.Append("NaN"),
        _ => text.Append(value.ToString("R", CultureInfo.InvariantCulture)),
    };

    /// <summary>A tag value as label text: booleans in lower case, numbers in the invariant culture.</summary>
    public static string LabelValue(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
