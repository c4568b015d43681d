using ActorBroker.Management.Resources;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// GET /api/users, PUT/DELETE /api/users/{name}. Users carry password hashes, so even reading them needs the
/// administrator tag. Changes are kept in the data directory's users.json and survive a restart.
/// </summary>
internal static class UsersEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", (HttpContext context, UserStore store) =>
        {
            RequireAdministrator(context, "the users");
            return ApiJson.Ok(store.Users.List().Select(UserStore.ToDefinition).ToList());
        });

        api.MapPut("/users/{name}", async (string name, HttpRequest request, UserStore store) =>
        {
            name = ApiNames.FromPath(name);
            var body = await ApiJson.ReadBodyAsync<UserDefinition>(request).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(body.Name) && body.Name != name)
            {
                throw ApiException.BadRequest($"The body names user '{body.Name}' but the path names '{name}'.");
            }

            var user = ParseUser(body with { Name = name });
            return store.Put(user) ? Results.StatusCode(StatusCodes.Status201Created) : Results.NoContent();
        });

        api.MapDelete("/users/{name}", (string name, UserStore store) =>
        {
            name = ApiNames.FromPath(name);
            return store.Remove(name)
                ? Results.NoContent()
                : throw ApiException.NotFound($"No user '{name}'.");
        });
    }

    /// <summary>The node user a definition describes.</summary>
    /// <exception cref="ApiException">400 naming the user: no name, or a password hash not in the node's format.</exception>
    public static Listeners.NodeUser ParseUser(UserDefinition user)
    {
        try
        {
            return UserStore.FromDefinition(user);
        }
        catch (FormatException bad)
        {
            throw ApiException.BadRequest($"User '{user.Name}': {bad.Message}.");
        }
    }

    /// <summary>Reading users reveals their password hashes: monitoring may read everything else, not this.</summary>
    /// <exception cref="ApiException">403 for a user without the administrator tag.</exception>
    public static void RequireAdministrator(HttpContext context, string what)
    {
        var user = context.User();
        if (!user.IsAdministrator)
        {
            throw ApiException.Forbidden($"User '{user.Name}' may not read {what}, which hold password hashes: that needs the administrator tag.");
        }
    }
}
