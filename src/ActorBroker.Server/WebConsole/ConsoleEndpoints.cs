using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace ActorBroker.Server.WebConsole;

/// <summary>
/// The web console: <c>GET /</c> serves its page and <c>GET /console/{file}</c> its script and style sheet, all
/// embedded in this assembly (so the node ships as one folder and nothing on disk can be swapped under it). The
/// assets are open like /health: they hold no data; the page calls the authenticated /api itself.
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>The resource name prefix the project file gives the files of <c>WebConsole/wwwroot</c>.</summary>
    private const string ResourcePrefix = "console/";

    // The page runs only its own files: no inline script, no other origin, not framed (clickjacking of the buttons).
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static readonly FrozenDictionary<string, string> s_contentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<FrozenDictionary<string, Asset>> s_assets = new(LoadAssets);

    public static void Map(IEndpointRouteBuilder root)
    {
        root.MapGet("/", (HttpContext context) => Serve(context, "index.html"));
        root.MapGet("/console/{file}", (HttpContext context, string file) => Serve(context, file));
    }

    private static IResult Serve(HttpContext context, string file)
    {
        if (!s_assets.Value.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        // Revalidated on every load, so a node upgraded in place never serves a stale script beside a new page.
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (context.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Content, asset.ContentType);
    }

    private static FrozenDictionary<string, Asset> LoadAssets()
    {
        var assembly = typeof(ConsoleEndpoints).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = resource[ResourcePrefix.Length..];
            if (!s_contentTypes.TryGetValue(Path.GetExtension(file), out var contentType))
            {
                throw new InvalidOperationException($"The console asset '{file}' has no known content type; add its extension to ConsoleEndpoints.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var content = new MemoryStream();
            stream.CopyTo(content);
            var bytes = content.ToArray();
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8))}\"").ToString();
            assets[file] = new Asset(bytes, contentType, etag);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
