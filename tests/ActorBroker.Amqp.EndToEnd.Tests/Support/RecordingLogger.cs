using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Amqp.EndToEnd.Tests.Support;

/// <summary>Keeps the errors a component logs, so a test can assert that nothing failed unexpectedly.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Errors.Enqueue($"{formatter(state, exception)} {exception}");
        }
    }
}
