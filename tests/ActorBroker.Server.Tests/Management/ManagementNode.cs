using System.Net.Http.Headers;
using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Hocon;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Management;

/// <summary>
/// A node running in the test process with the node's own wiring (<see cref="NodeHost"/>): AMQP and the
/// management API on free ports, a fresh data directory, and three users: guest (administrator),
/// watcher (monitoring) and nobody (no tags), each with its name as password.
/// </summary>
public sealed class ManagementNode : IAsyncLifetime
{
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("actorbroker-mgmt-");
    private IHost? _host;

    /// <summary>HOCON over the test's settings (TLS, limits…).</summary>
    public string ExtraConfig { get; init; } = "";

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The broker behind the API, for arranging state faster than HTTP would.</summary>
    public MessageBroker Broker { get; private set; } = null!;

    /// <summary>The node's services, for reaching what the API does not show (the AMQP listener's port).</summary>
    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The node is not started.");

    /// <summary>A client authenticated as guest, the administrator.</summary>
    public HttpClient Admin { get; private set; } = null!;

    public Task InitializeAsync() => StartAsync(managementPort: 0);

    /// <summary>
    /// Starts the node with its management API on <paramref name="managementPort"/>, logging at
    /// <paramref name="logLevel"/> to <paramref name="log"/> (nowhere when null).
    /// </summary>
    public async Task StartAsync(int managementPort, string logLevel = "information", ILoggerProvider? log = null)
    {
        var data = _dataDirectory.FullName.Replace("\\", "/", StringComparison.Ordinal);
        var overrides = $$"""
            actorbroker {
              data-directory = "{{data}}"
              journal.sqlite.path = "{{data}}/journal.db"
              amqp.port = 0
              management.port = {{managementPort}}
              alarms.disk-free-limit = 0
              alarms.memory-high-watermark = 1
              # Tests sign in wrongly on purpose; the throttling tests turn it back on.
              security.max-failed-logins = 0
              logging.level = {{logLevel}}
              users {
                guest { password-hash = "{{Hash("guest")}}", loopback-only = true, tags = [administrator] }
                watcher { password-hash = "{{Hash("watcher")}}", tags = [monitoring] }
                nobody { password-hash = "{{Hash("nobody")}}" }
              }
            }
            """;
        var config = ConfigFactory.ParseString(overrides + "\n" + ExtraConfig)
            .WithFallback(ConfigFactory.ParseFile(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf")));
        _host = NodeHost.Build(config, builder =>
        {
            builder.Logging.ClearProviders();
            if (log is not null)
            {
                builder.Logging.AddProvider(log);
            }
        });
        await _host.StartAsync();
        BaseAddress = _host.Services.GetRequiredService<ManagementService>().BaseAddress!;
        Broker = await _host.Services.GetRequiredService<NodeReadiness>().WhenReady;
        Admin = ClientAs("guest", "guest");
    }

    /// <summary>A client authenticated as <paramref name="user"/>.</summary>
    public HttpClient ClientAs(string user, string password)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task DisposeAsync()
    {
        // Also after a failed start, which leaves no client.
        Admin?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        _dataDirectory.Delete(recursive: true);
    }

    private static string Hash(string password) => PasswordHash.Create(password, iterations: 1);
}
