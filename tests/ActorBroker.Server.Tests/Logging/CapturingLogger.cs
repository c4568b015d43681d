using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Logging;

/// <summary>A logger that keeps each entry's level and structured fields, for tests to await.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly Channel<LogEntry> _entries = Channel.CreateUnbounded<LogEntry>();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        _entries.Writer.TryWrite(new LogEntry(logLevel, formatter(state, exception), fields.ToDictionary(f => f.Key, f => f.Value), exception));
    }

    /// <summary>The first entry (from now on) whose message contains <paramref name="text"/>.</summary>
    public async Task<LogEntry> WaitForAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await foreach (var entry in _entries.Reader.ReadAllAsync(cancel.Token))
        {
            if (entry.Message.Contains(text, StringComparison.Ordinal))
                return entry;
        }

        throw new InvalidOperationException("The log ended.");
    }
}

internal sealed record LogEntry(LogLevel Level, string Message, Dictionary<string, object?> Fields, Exception? Exception);
