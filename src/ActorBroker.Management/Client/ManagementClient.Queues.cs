using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

// Queues and the messages in them.
public sealed partial class ManagementClient
{
    /// <summary>GET /api/queues or /api/queues/{vhost} (all vhosts when <paramref name="vhost"/> is null): one page.</summary>
    public Task<PagedList<QueueResource>> ListQueuesAsync(string? vhost, QueueListQuery? query = null, CancellationToken cancellationToken = default) =>
        GetAsync<PagedList<QueueResource>>(ApiPath.List("queues", vhost) + (query ?? new QueueListQuery()).ToQueryString(), cancellationToken);

    /// <summary>GET /api/queues/{vhost}/{name}.</summary>
    public Task<QueueResource> GetQueueAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        GetAsync<QueueResource>(ApiPath.Of("queues", vhost, name), cancellationToken);

    /// <summary>PUT /api/queues/{vhost}/{name}; a queue declared differently before fails with 409.</summary>
    public async Task<DeclareOutcome> DeclareQueueAsync(string vhost, string name, QueueDeclareRequest request, CancellationToken cancellationToken = default) =>
        Outcome(await SendForStatusAsync(HttpMethod.Put, ApiPath.Of("queues", vhost, name), request, cancellationToken).ConfigureAwait(false));

    /// <summary>DELETE /api/queues/{vhost}/{name}; with <paramref name="ifUnused"/> or <paramref name="ifEmpty"/> a queue in use or holding messages fails with 409.</summary>
    public Task<MessagesRemoved> DeleteQueueAsync(string vhost, string name, bool ifUnused = false, bool ifEmpty = false, CancellationToken cancellationToken = default)
    {
        var path = ApiPath.Of("queues", vhost, name) + $"?if_unused={Flag(ifUnused)}&if_empty={Flag(ifEmpty)}";
        return SendAsync<MessagesRemoved>(HttpMethod.Delete, path, null, cancellationToken);
    }

    /// <summary>DELETE /api/queues/{vhost}/{name}/contents: removes the ready messages.</summary>
    public Task<MessagesRemoved> PurgeQueueAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        SendAsync<MessagesRemoved>(HttpMethod.Delete, ApiPath.Of("queues", vhost, name, "contents"), null, cancellationToken);

    /// <summary>GET /api/queues/{vhost}/{name}/peek?count=N: the first messages, left in the queue.</summary>
    public Task<PeekResult> PeekAsync(string vhost, string name, int count = 10, CancellationToken cancellationToken = default) =>
        GetAsync<PeekResult>(ApiPath.Of("queues", vhost, name, "peek") + $"?count={count}", cancellationToken);

    /// <summary>POST /api/queues/{vhost}/{name}/get: takes messages, acknowledging or requeueing them per the request.</summary>
    public Task<GetResult> GetMessagesAsync(string vhost, string name, GetRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<GetResult>(HttpMethod.Post, ApiPath.Of("queues", vhost, name, "get"), request, cancellationToken);

    /// <summary>POST /api/queues/{vhost}/{name}/redrive: moves dead-lettered messages back to where they died or to a target queue.</summary>
    public Task<RedriveResult> RedriveAsync(string vhost, string name, RedriveRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<RedriveResult>(HttpMethod.Post, ApiPath.Of("queues", vhost, name, "redrive"), request, cancellationToken);

    /// <summary>GET /api/queues/{vhost}/{name}/bindings.</summary>
    public Task<IReadOnlyList<BindingResource>> ListQueueBindingsAsync(string vhost, string name, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<BindingResource>>(ApiPath.Of("queues", vhost, name, "bindings"), cancellationToken);

    private static string Flag(bool value) => value ? "true" : "false";
}
