using ActorBroker.Management.Resources;
using ActorBroker.Server.Hosting;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// RabbitMQ's permission routes: GET /api/permissions, GET /api/users/{user}/permissions,
/// GET /api/vhosts/{vhost}/permissions, and GET/PUT/DELETE /api/permissions/{vhost}/{user} with a body of
/// <c>{"configure": "…", "write": "…", "read": "…"}</c>. Only set permissions are listed: a user whose permissions
/// were never set has full permissions in every virtual host and appears in none of these lists. Administrators
/// only, as RabbitMQ's. Changes apply at once, also to connections already open, and are kept in users.json.
/// </summary>
internal static class PermissionsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/permissions", (HttpContext context, [FromServices] UserStore store) =>
        {
            UsersEndpoints.RequireAdministrator(context, "permissions");
            return ApiJson.Ok(store.ListPermissions());
        });

        api.MapGet("/users/{user}/permissions", (HttpContext context, string user, [FromServices] UserStore store) =>
        {
            UsersEndpoints.RequireAdministrator(context, "permissions");
            user = ApiNames.FromPath(user);
            return ApiJson.Ok(store.ListPermissions().Where(p => p.User == user).ToList());
        });

        api.MapGet("/vhosts/{vhost}/permissions", (HttpContext context, string vhost, [FromServices] UserStore store) =>
        {
            UsersEndpoints.RequireAdministrator(context, "permissions");
            vhost = ApiNames.FromPath(vhost);
            return ApiJson.Ok(store.ListPermissions().Where(p => p.Vhost == vhost).ToList());
        });

        api.MapGet("/permissions/{vhost}/{user}", (HttpContext context, string vhost, string user, [FromServices] UserStore store) =>
        {
            UsersEndpoints.RequireAdministrator(context, "permissions");
            (vhost, user) = (ApiNames.FromPath(vhost), ApiNames.FromPath(user));
            return store.ListPermissions().FirstOrDefault(p => p.User == user && p.Vhost == vhost) is { } permission
                ? ApiJson.Ok(permission)
                : throw ApiException.NotFound($"User '{user}' has no permissions set in virtual host '{vhost}'.");
        });

        api.MapPut("/permissions/{vhost}/{user}", async (string vhost, string user, HttpRequest request, NodeReadiness readiness, [FromServices] UserStore store) =>
        {
            (vhost, user) = (ApiNames.FromPath(vhost), ApiNames.FromPath(user));
            var body = await ApiJson.ReadBodyAsync<PermissionDefinition>(request).ConfigureAwait(false);
            await RequireUserAndVhostAsync(store, readiness, user, vhost).ConfigureAwait(false);
            var permissions = Parse(body with { User = user, Vhost = vhost });
            return await store.SetPermissionsAsync(user, vhost, permissions).ConfigureAwait(false) ? Results.StatusCode(StatusCodes.Status201Created) : Results.NoContent();
        });

        api.MapDelete("/permissions/{vhost}/{user}", async (string vhost, string user, [FromServices] UserStore store) =>
        {
            (vhost, user) = (ApiNames.FromPath(vhost), ApiNames.FromPath(user));
            return await store.ClearPermissionsAsync(user, vhost).ConfigureAwait(false)
                ? Results.NoContent()
                : throw ApiException.NotFound($"User '{user}' has no permissions set in virtual host '{vhost}'"
                    + (store.Users.Permissions.IsRestricted(user) ? "." : " (a user whose permissions were never set has full permissions everywhere; set some to restrict it)."));
        });
    }

    /// <summary>The permissions a definition describes.</summary>
    /// <exception cref="ApiException">400 naming the user and the virtual host: a pattern missing or not a regular expression.</exception>
    public static Listeners.VirtualHostPermissions Parse(PermissionDefinition permission)
    {
        try
        {
            return UserStore.FromDefinition(permission);
        }
        catch (FormatException bad)
        {
            throw ApiException.BadRequest($"Permissions of user '{permission.User}' in virtual host '{permission.Vhost}': {bad.Message}.");
        }
    }

    private static async Task RequireUserAndVhostAsync(UserStore store, NodeReadiness readiness, string user, string vhost)
    {
        if (store.Users.Find(user) is null)
        {
            throw ApiException.NotFound($"No user '{user}'.");
        }

        var vhosts = await readiness.RequireBroker().Admin.ListVirtualHostsAsync().ConfigureAwait(false);
        if (!vhosts.Contains(vhost, StringComparer.Ordinal))
        {
            throw ApiException.NotFound($"No virtual host '{vhost}'.");
        }
    }
}
