using ActorBroker.Management.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace ActorBroker.Server.Management;

/// <summary>
/// Refuses the state-changing requests a hostile web page can make a browser send to the node (cross-site
/// request forgery): a POST, PUT, DELETE or PATCH whose <c>Origin</c> is not the node's own (403), or whose body
/// is not declared <c>application/json</c> (415). A page can send <c>text/plain</c>, form and multipart bodies
/// cross-origin without asking the node first; <c>application/json</c> needs a CORS preflight, which the node
/// never grants. Reads (GET, HEAD, OPTIONS) pass: they change nothing and a browser keeps their answers from
/// another origin's page.
/// </summary>
internal static class RequestForgeryGuard
{
    public static void UseRequestForgeryGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (Refusal(context) is { } refusal)
        {
            await ErrorHandling.WriteAsync(context.Response, refusal.Status, refusal.Body).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    });

    private static (int Status, ErrorBody Body)? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsOwnOrigin(origin, request))
        {
            return (StatusCodes.Status403Forbidden, new ErrorBody("forbidden",
                $"Cross-origin {request.Method} refused: the request comes from a page of {origin}, not of this node ({request.Scheme}://{request.Host})."));
        }

        var carriesBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength > 0;
        if (carriesBody && !IsJson(request.ContentType))
        {
            return (StatusCodes.Status415UnsupportedMediaType, new ErrorBody("unsupported_media_type",
                $"A {request.Method} body must be JSON sent with Content-Type: application/json; this one is {(string.IsNullOrEmpty(request.ContentType) ? "untyped" : $"'{request.ContentType}'")}."));
        }

        return null;
    }

    // The origin a browser names is scheme://host[:port]; the node's own is the address the request was sent to.
    private static bool IsOwnOrigin(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !request.Host.HasValue)
        {
            return false;
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
            && uri.Port == port;
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
