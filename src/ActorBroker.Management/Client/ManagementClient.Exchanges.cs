using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// Exchanges, publishing and bindings. The default exchange is named "" here and "amq.default" on the wire.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/exchanges or /api/exchanges/{vhost} (all vhosts when <paramref name="vhost"/> is null).</summary>
    public Task<IReadOnlyList<ExchangeResource>> ListExchangesAsync(string? vhost, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ExchangeResource>>(ApiPath.List("exchanges", vhost), cancellationToken);

    /// <summary>GET /api/exchanges/{vhost}/{name}.</summary>
    public Task<ExchangeResource> GetExchangeAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        GetAsync<ExchangeResource>(ApiPath.Of("exchanges", vhost, ApiPath.Exchange(name)), cancellationToken);

    /// <summary>PUT /api/exchanges/{vhost}/{name}; an exchange declared differently before fails with 409.</summary>
    public async Task<DeclareOutcome> DeclareExchangeAsync(string vhost, string name, ExchangeDeclareRequest request, CancellationToken cancellationToken = default) =>
        Outcome(await SendForStatusAsync(HttpMethod.Put, ApiPath.Of("exchanges", vhost, ApiPath.Exchange(name)), request, cancellationToken).ConfigureAwait(false));

    /// <summary>DELETE /api/exchanges/{vhost}/{name}; with <paramref name="ifUnused"/> an exchange with bindings fails with 409.</summary>
    public Task DeleteExchangeAsync(string vhost, string name, bool ifUnused = false, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, ApiPath.Of("exchanges", vhost, ApiPath.Exchange(name)) + $"?if_unused={Flag(ifUnused)}", null, cancellationToken);

    /// <summary>POST /api/exchanges/{vhost}/{name}/publish.</summary>
    public Task<PublishResult> PublishAsync(string vhost, string exchange, PublishRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<PublishResult>(HttpMethod.Post, ApiPath.Of("exchanges", vhost, ApiPath.Exchange(exchange), "publish"), request, cancellationToken);

    /// <summary>GET /api/bindings or /api/bindings/{vhost} (all vhosts when <paramref name="vhost"/> is null).</summary>
    public Task<IReadOnlyList<BindingResource>> ListBindingsAsync(string? vhost, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<BindingResource>>(ApiPath.List("bindings", vhost), cancellationToken);

    /// <summary>POST /api/bindings/{vhost}/e/{source}/q|e/{destination}: routes from the source exchange to the destination.</summary>
    public Task AddBindingAsync(string vhost, string source, BindingDestinationType destinationType, string destination, BindingRequest request, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Post, BindingPath(vhost, source, destinationType, destination), request, cancellationToken);

    /// <summary>DELETE on the binding's path; 404 when there is no binding with that routing key and arguments.</summary>
    public Task RemoveBindingAsync(string vhost, string source, BindingDestinationType destinationType, string destination, BindingRequest request, CancellationToken cancellationToken = default) =>
        SendForStatusAsync(HttpMethod.Delete, BindingPath(vhost, source, destinationType, destination), request, cancellationToken);

    private static string BindingPath(string vhost, string source, BindingDestinationType destinationType, string destination) =>
        ApiPath.Of("bindings", vhost, "e", ApiPath.Exchange(source), destinationType == BindingDestinationType.Queue ? "q" : "e", destination);
}
