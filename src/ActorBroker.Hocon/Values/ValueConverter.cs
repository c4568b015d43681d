using System.Globalization;
using ActorBroker.Hocon.Model;
using ActorBroker.Hocon.Resolution;

namespace ActorBroker.Hocon.Values;

/// <summary>
/// The spec's automatic type conversions from a resolved value, shared by <see cref="Config"/> getters and
/// <see cref="ConfigValue"/>. Null converts to nothing; objects and arrays convert to nothing else.
/// </summary>
internal static class ValueConverter
{
    public static string ToString(HoconNode node, string path) =>
        node is HoconScalar { Kind: not ScalarKind.Null } scalar ? scalar.Text : throw WrongType(node, path, "a string");

    public static long ToLong(HoconNode node, string path)
    {
        var text = NumberText(node, path, "a whole number");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return value;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number != decimal.Truncate(number))
            throw WrongType(node, path, "a whole number");
        return number is >= long.MinValue and <= long.MaxValue
            ? (long)number
            : throw WrongType(node, path, "a whole number that fits in 64 bits");
    }

    public static int ToInt(HoconNode node, string path)
    {
        var value = ToLong(node, path);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw WrongType(node, path, "a whole number that fits in 32 bits");
    }

    public static double ToDouble(HoconNode node, string path) =>
        double.TryParse(NumberText(node, path, "a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw WrongType(node, path, "a number");

    public static bool ToBoolean(HoconNode node, string path) => node switch
    {
        HoconScalar { Kind: ScalarKind.Boolean or ScalarKind.String, Text: "true" or "yes" or "on" } => true,
        HoconScalar { Kind: ScalarKind.Boolean or ScalarKind.String, Text: "false" or "no" or "off" } => false,
        _ => throw WrongType(node, path, "a boolean (true/false, yes/no, on/off)"),
    };

    public static TimeSpan ToDuration(HoconNode node, string path) =>
        node is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar && DurationUnits.TryParse(scalar.Text, out var duration)
            ? duration
            : throw WrongType(node, path, DurationUnits.Expected);

    public static long ToBytes(HoconNode node, string path) =>
        node is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar && SizeUnits.TryParse(scalar.Text, out var bytes)
            ? bytes
            : throw WrongType(node, path, SizeUnits.Expected + " (at most 2^63-1 bytes)");

    public static HoconObject ToObject(HoconNode node, string path) =>
        node as HoconObject ?? throw WrongType(node, path, "an object");

    public static HoconArray ToArray(HoconNode node, string path) =>
        node as HoconArray ?? NumericObjects.ToArray(node) ?? throw WrongType(node, path, "an array");

    public static ConfigException WrongType(HoconNode node, string path, string expected) =>
        new($"'{path}' is {node.Describe()}, expected {expected}", node.Origin, path);

    private static string NumberText(HoconNode node, string path, string expected) =>
        node is HoconScalar { Kind: ScalarKind.Number or ScalarKind.String } scalar ? scalar.Text.Trim() : throw WrongType(node, path, expected);
}
