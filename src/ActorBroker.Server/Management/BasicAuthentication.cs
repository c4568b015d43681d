using System.Net.Http.Headers;
using System.Text;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Listeners;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBroker.Server.Management;

/// <summary>
/// HTTP Basic authentication of <c>/api/…</c> with the node's users: 401 without valid credentials (or for a
/// loopback-only user from elsewhere), then by tags: administrator may do everything, monitoring may only
/// read (GET, HEAD), anyone else gets 403. Other paths (/metrics, /health/…) are open.
/// </summary>
internal static class BasicAuthentication
{
    public const string Realm = "ActorBroker";

    private static readonly PathString s_api = new("/api");

    public static void UseBasicAuthentication(this WebApplication app)
    {
        var users = app.Services.GetRequiredService<ConfiguredUsers>();
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(s_api))
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var user = Authenticate(context, users);
            if (user is null)
            {
                context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\"";
                await ErrorHandling.WriteAsync(context.Response, StatusCodes.Status401Unauthorized,
                    new ErrorBody("unauthorized", "Valid credentials of a node user are required (HTTP Basic).")).ConfigureAwait(false);
                return;
            }

            if (Refusal(user, context.Request.Method) is { } reason)
            {
                await ErrorHandling.WriteAsync(context.Response, StatusCodes.Status403Forbidden, new ErrorBody("forbidden", reason)).ConfigureAwait(false);
                return;
            }

            context.Items[typeof(NodeUser)] = user;
            await next(context).ConfigureAwait(false);
        });
    }

    /// <summary>The user a request authenticated as (set for every <c>/api</c> request that got past authentication).</summary>
    public static NodeUser User(this HttpContext context) =>
        context.Items[typeof(NodeUser)] as NodeUser ?? throw new InvalidOperationException("The request was not authenticated.");

    /// <summary>The user whose Basic credentials the request carries, or null.</summary>
    public static NodeUser? Authenticate(HttpContext context, ConfiguredUsers users)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(users);
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        return users.Authenticate(credentials[..colon], credentials[(colon + 1)..], context.Connection.RemoteIpAddress);
    }

    private static string? Refusal(NodeUser user, string method)
    {
        if (user.IsAdministrator)
        {
            return null;
        }

        if (!user.CanMonitor)
        {
            return $"User '{user.Name}' has neither the administrator nor the monitoring tag, which the management API requires.";
        }

        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method)
            ? null
            : $"User '{user.Name}' is tagged monitoring, which may only read; {method} needs the administrator tag.";
    }
}
