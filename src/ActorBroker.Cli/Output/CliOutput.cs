using System.Text.Json;
using ActorBroker.Management.Resources;
using Spectre.Console;

namespace ActorBroker.Cli.Output;

/// <summary>
/// Where a command writes: <see cref="Console"/> for tables and sentences, <see cref="WriteJson"/> for scripts
/// (in JSON mode nothing else reaches stdout), <see cref="Error"/> for the one-line errors and warnings.
/// </summary>
internal sealed class CliOutput
{
    // A table piped into grep or a file is read by machines and wide terminals: do not wrap it at 80 columns.
    private const int RedirectedWidth = 200;

    private readonly TextWriter _stdout;

    public CliOutput(OutputFormat format, TextWriter stdout, TextWriter stderr)
    {
        Format = format;
        _stdout = stdout;
        Error = stderr;
        var target = new AnsiConsoleOutput(stdout);
        // Escape codes only for a terminal: a pipe or file gets plain text.
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = target,
            Ansi = target.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = target.IsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!target.IsTerminal)
            Console.Profile.Width = RedirectedWidth;
    }

    public OutputFormat Format { get; }

    public bool IsJson => Format == OutputFormat.Json;

    public IAnsiConsole Console { get; }

    public TextWriter Error { get; }

    /// <summary>Live progress bars only for a person watching: table output to a terminal.</summary>
    public bool ShowsProgress => !IsJson && Console.Profile.Out.IsTerminal && Console.Profile.Capabilities.Interactive;

    /// <summary>Writes one resource as one line of JSON in the API's conventions.</summary>
    public void WriteJson<T>(T value) => _stdout.WriteLine(JsonSerializer.Serialize(value, ManagementJson.Options));

    /// <summary>Writes text to stdout as it is, in either format (a document the user asked for).</summary>
    public void WriteText(string text) => _stdout.WriteLine(text);

    /// <summary>Writes a sentence for people; JSON output stays free of it.</summary>
    public void Say(string text)
    {
        if (!IsJson)
            Console.MarkupLine(Markup.Escape(text));
    }

    public void Warn(string text) => Error.WriteLine("actorbroker: " + text);
}
