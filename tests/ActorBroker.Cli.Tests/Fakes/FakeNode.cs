using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using ActorBroker.Management.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Cli.Tests.Fakes;

/// <summary>
/// A stand-in for a node's management API on a free loopback port: it answers canned contract JSON for
/// "METHOD raw-path" keys, checks Basic auth (guest/guest), and records every request it gets.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, Reply>> _routes = new();

    private FakeNode(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request received, in order: method, raw target (still escaped), body, Authorization header.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeNode> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var node = new FakeNode(builder.Build());
        await node._app.StartAsync();
        var address = node._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        node.Url = new Uri(address);
        return node;
    }

    /// <summary>Answers <paramref name="method"/> on <paramref name="rawTarget"/> (path and query as sent) with JSON of <paramref name="body"/>.</summary>
    public FakeNode On(string method, string rawTarget, HttpStatusCode status, object? body = null) =>
        On(method, rawTarget, _ => new Reply(status, body));

    public FakeNode On(string method, string rawTarget, Func<RecordedRequest, Reply> reply)
    {
        _routes[$"{method} {rawTarget}"] = reply;
        return this;
    }

    public FakeNode OnError(string method, string rawTarget, HttpStatusCode status, string error, string reason) =>
        On(method, rawTarget, status, new ErrorBody(error, reason));

    public RecordedRequest Single(string method, string rawTargetPrefix) =>
        Assert.Single(Requests, r => r.Method == method && r.Target.StartsWith(rawTargetPrefix, StringComparison.Ordinal));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        // Kestrel reuses the header collection after the request: keep a copy.
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new RecordedRequest(context.Request.Method, target, await reader.ReadToEndAsync(), headers);
        Requests.Enqueue(request);
        var reply = context.Request.Headers.Authorization != "Basic " + Convert.ToBase64String("guest:guest"u8)
            ? new Reply(HttpStatusCode.Unauthorized, new ErrorBody("unauthorized", "login failed"))
            : _routes.TryGetValue($"{request.Method} {target}", out var route)
                ? route(request)
                : new Reply(HttpStatusCode.NotFound, new ErrorBody("not_found", $"no canned reply for {request.Method} {target}"));
        context.Response.StatusCode = (int)reply.Status;
        if (reply.Body is string text)
            await context.Response.WriteAsync(text);
        else if (reply.Body is not null)
            await context.Response.WriteAsJsonAsync(reply.Body, reply.Body.GetType(), ManagementJson.Options);
    }
}

/// <summary>A request as the fake node received it.</summary>
internal sealed record RecordedRequest(string Method, string Target, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>A canned reply: a status and a body serialized as contract JSON (a string is sent as it is).</summary>
internal sealed record Reply(HttpStatusCode Status, object? Body = null);
