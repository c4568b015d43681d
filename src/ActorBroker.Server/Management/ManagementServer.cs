using ActorBroker.Server.Management.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Management;

/// <summary>
/// The management API's web application: Kestrel on the configured address, errors as ErrorBody, Basic
/// authentication, then the endpoint groups of <see cref="ManagementEndpoints"/>; cross-site state changes are
/// refused first (<see cref="RequestForgeryGuard"/>). It runs beside the node's
/// host rather than as it, so that it can start before the broker's recovery (and answer health checks
/// meanwhile) and so that <c>enabled = false</c> leaves the node without any HTTP listener.
/// </summary>
/// <remarks>
/// Endpoints see the node's own singletons of ActorBroker types (NodeReadiness, ConfiguredUsers, PublishGate,
/// settings…): each is forwarded from the node's container, so a service a helper registers in the node is
/// injectable into its endpoints without further wiring.
/// </remarks>
internal sealed class ManagementServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ManagementServer(WebApplication app) => _app = app;

    /// <summary>The address the API listens on (with the real port when the settings said 0): plain HTTP's, else HTTPS's.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Every address the API listens on, as <c>scheme://host:port</c>.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    public static ManagementServer Create(ManagementSettings settings, IServiceCollection nodeServices, IServiceProvider node)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ManagementServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (settings.Plain)
            {
                kestrel.Listen(settings.Host, settings.Port);
            }

            if (settings.Tls is { } tls)
            {
                kestrel.Listen(settings.Host, tls.Port, listen => listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = tls.Certificate,
                    SslProtocols = Listeners.TlsSettings.Protocols,
                    ClientCertificateMode = tls.ClientCertificates switch
                    {
                        Listeners.ClientCertificates.Required => ClientCertificateMode.RequireCertificate,
                        Listeners.ClientCertificates.Optional => ClientCertificateMode.AllowCertificate,
                        _ => ClientCertificateMode.NoCertificate,
                    },
                    ClientCertificateValidation = (certificate, _, errors) => tls.IsAcceptable(certificate, errors),
                }));
            }
        });
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(node.GetRequiredService<ILoggerFactory>()));
        // The node's host owns signals and shutdown; this application only follows it.
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, FollowerLifetime>());
        foreach (var type in NodeSingletons(nodeServices))
        {
            builder.Services.AddSingleton(type, _ => node.GetRequiredService(type));
        }

        var app = builder.Build();
        app.UseManagementErrors();
        // Before authentication, so that a forged request cannot even count as a failed sign-in.
        app.UseRequestForgeryGuard();
        app.UseBasicAuthentication();
        // Explicitly after the three above, so that their error bodies cover routing's failures too.
        app.UseRouting();
        ManagementEndpoints.Map(app);
        return new ManagementServer(app);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        Addresses = [.. addresses.Addresses.OrderBy(a => a.StartsWith("https:", StringComparison.Ordinal))];
        BaseAddress = new Uri(Addresses[0]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static IEnumerable<Type> NodeSingletons(IServiceCollection services) => services
        .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.IsKeyedService && !d.ServiceType.IsGenericTypeDefinition
            && d.ServiceType.Namespace?.StartsWith("ActorBroker", StringComparison.Ordinal) == true)
        .Select(d => d.ServiceType)
        .Distinct();

    private sealed class FollowerLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
