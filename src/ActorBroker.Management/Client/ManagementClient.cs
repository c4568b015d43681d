using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ActorBroker.Management.Resources;

namespace ActorBroker.Management.Client;

/// <summary>
/// A typed client of a node's management HTTP API (see MGMT-API.md): one async method per route, HTTP Basic
/// authentication, path segments URL-escaped, JSON in the <see cref="ManagementJson"/> conventions.
/// An error reply throws <see cref="ManagementApiException"/>; a node that cannot be reached throws
/// <see cref="NodeUnreachableException"/>.
/// </summary>
public sealed partial class ManagementClient : IDisposable
{
    private static readonly TimeSpan s_defaultTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    /// <param name="baseAddress">The node's management URL, e.g. <c>http://127.0.0.1:15672</c>.</param>
    /// <param name="userName">The user to authenticate as.</param>
    /// <param name="password">Its password.</param>
    /// <param name="timeout">How long one request may take before the node counts as unreachable (default 30 s).</param>
    /// <param name="handler">A custom message handler (tests, proxies); the client disposes it.</param>
    public ManagementClient(Uri baseAddress, string userName, string password, TimeSpan? timeout = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!baseAddress.IsAbsoluteUri || baseAddress.Scheme is not ("http" or "https"))
            throw new ArgumentException($"not an HTTP URL: '{baseAddress}' (expected http://host:port)", nameof(baseAddress));
        // Relative request paths resolve under the base only when it ends with '/'.
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        UserName = userName;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.BaseAddress = BaseAddress;
        _http.Timeout = timeout ?? s_defaultTimeout;
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}"));
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    /// <summary>The node's management URL, ending with '/'.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The user the client authenticates as.</summary>
    public string UserName { get; }

    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        await SendAsync<T>(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, method, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpStatusCode> SendForStatusAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, null, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Sends one request (<paramref name="reason"/> goes into X-Reason); returns the response only when its status is a success.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? reason, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body, body.GetType(), options: ManagementJson.Options);
        if (reason is not null)
            request.Headers.Add("X-Reason", reason);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException(BaseAddress, Describe(e), e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NodeUnreachableException(BaseAddress, $"no answer within {_http.Timeout.TotalSeconds:0.#} s", e);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await ErrorFromAsync(response, $"{method} {path}", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ManagementJson.Options, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            // A reply that is not the contract's resource is the node's fault, reported like a 502 from a proxy.
            throw new ManagementApiException(HttpStatusCode.BadGateway, "bad_reply", $"unexpected reply, not the API's JSON: {e.Message}", $"{method} {path}");
        }
    }

    private static async Task<ManagementApiException> ErrorFromAsync(HttpResponseMessage response, string request, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        ErrorBody? body = null;
        try
        {
            body = text.Length > 0 ? JsonSerializer.Deserialize<ErrorBody>(text, ManagementJson.Options) : null;
        }
        catch (JsonException)
        {
            // Not the contract's error body (a proxy's HTML page, say): fall back to the status below.
        }
        var status = response.StatusCode;
        var error = body?.Error ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
        var reason = body?.Reason ?? $"{(int)status} {response.ReasonPhrase ?? status.ToString()}";
        return new ManagementApiException(status, error, reason, request);
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "connection refused (is the node running with its management listener on this port?)",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } => "unknown host",
        SocketException socket => socket.Message,
        { } inner => inner.Message,
        null => e.Message,
    };
}
