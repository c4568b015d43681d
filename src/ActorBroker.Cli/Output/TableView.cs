using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorBroker.Cli.Output;

/// <summary>
/// A table of <typeparamref name="T"/> rows built column by column and rendered with Spectre, numbers right-aligned;
/// an empty list says so instead of drawing an empty frame.
/// </summary>
internal sealed class TableView<T>
{
    private readonly List<(string Header, Func<T, string> Value, bool Numeric)> _columns = [];

    public TableView<T> Column(string header, Func<T, string> value)
    {
        _columns.Add((header, value, false));
        return this;
    }

    public TableView<T> Number(string header, Func<T, long> value)
    {
        _columns.Add((header, row => Cells.Number(value(row)), true));
        return this;
    }

    public TableView<T> Rate(string header, Func<T, double> value)
    {
        _columns.Add((header, row => Cells.Rate(value(row)), true));
        return this;
    }

    public void Write(IAnsiConsole console, IReadOnlyCollection<T> rows, string emptyText)
    {
        if (rows.Count == 0)
        {
            console.MarkupLine($"[grey]{Markup.Escape(emptyText)}[/]");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (header, _, numeric) in _columns)
        {
            var column = new TableColumn(Markup.Escape(header));
            table.AddColumn(numeric ? column.RightAligned() : column);
        }
        foreach (var row in rows)
            table.AddRow(_columns.Select(c => new Text(c.Value(row))).ToArray<IRenderable>());
        console.Write(table);
    }
}

/// <summary>How values look in tables.</summary>
internal static class Cells
{
    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Rate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.#} GiB"),
    };

    public static string Duration(double seconds) => TimeSpan.FromSeconds(Math.Floor(seconds)) switch
    {
        { TotalDays: >= 1 } t => $"{(int)t.TotalDays}d {t.Hours}h {t.Minutes}m",
        { TotalHours: >= 1 } t => $"{t.Hours}h {t.Minutes}m {t.Seconds}s",
        var t => $"{t.Minutes}m {t.Seconds}s",
    };

    /// <summary>Text shortened to <paramref name="max"/> characters with an ellipsis, on one line.</summary>
    public static string Clip(string text, int max)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= max ? line : string.Concat(line.AsSpan(0, max - 1), "…");
    }

    public static string Json(System.Text.Json.Nodes.JsonObject? value) =>
        value is null || value.Count == 0 ? "" : value.ToJsonString();
}
