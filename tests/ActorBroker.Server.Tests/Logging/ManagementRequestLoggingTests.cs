using System.Collections.Concurrent;
using ActorBroker.Server.Tests.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Logging;

/// <summary>The management API's request logs are debug-level noise: a busy dashboard must not flood the node's log.</summary>
public sealed class ManagementRequestLoggingTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task At_information_the_node_logs_no_request_of_the_management_api_but_keeps_the_web_servers_warnings()
    {
        var log = new CategoryLog();
        var node = new ManagementNode();
        try
        {
            await node.StartAsync(managementPort: 0, logLevel: "information", log);
            using var overview = await node.Admin.GetAsync("/api/overview");
            overview.EnsureSuccessStatusCode();
            var factory = node.Services.GetRequiredService<ILoggerFactory>();
            var hosting = factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

            Assert.False(hosting.IsEnabled(LogLevel.Information));
            Assert.True(hosting.IsEnabled(LogLevel.Warning));
            Assert.True(factory.CreateLogger("ActorBroker.Server.Management.ManagementService").IsEnabled(LogLevel.Information));
            Assert.DoesNotContain(log.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level < LogLevel.Warning);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task At_debug_the_node_logs_each_request_of_the_management_api()
    {
        var log = new CategoryLog();
        var node = new ManagementNode();
        try
        {
            await node.StartAsync(managementPort: 0, logLevel: "debug", log);
            using var overview = await node.Admin.GetAsync("/api/overview");

            var finished = await log.WaitForAsync("Microsoft.AspNetCore.Hosting.Diagnostics", "/api/overview", s_timeout);

            Assert.Contains("Request", finished.Message, StringComparison.Ordinal);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private sealed record Entry(string Category, LogLevel Level, string Message);

    /// <summary>Keeps every entry with its category.</summary>
    private sealed class CategoryLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> _entries = new();
        private readonly SemaphoreSlim _written = new(0);

        public IReadOnlyCollection<Entry> Entries => _entries;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public async Task<Entry> WaitForAsync(string category, string text, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            while (true)
            {
                if (_entries.FirstOrDefault(e => e.Category == category && e.Message.Contains(text, StringComparison.Ordinal)) is { } entry)
                {
                    return entry;
                }

                await _written.WaitAsync(deadline.Token);
            }
        }

        public void Dispose() => _written.Dispose();

        private sealed class Logger(CategoryLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                log._entries.Enqueue(new Entry(category, logLevel, formatter(state, exception)));
                log._written.Release();
            }
        }
    }
}
