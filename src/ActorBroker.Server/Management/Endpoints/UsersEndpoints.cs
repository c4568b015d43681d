using ActorBroker.Management.Resources;
using ActorBroker.Server.Management.Definitions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ActorBroker.Server.Management.Endpoints;

/// <summary>
/// GET /api/users, PUT/DELETE /api/users/{name}. Users carry password hashes, so even reading them needs the
/// administrator tag. Changes are kept in the data directory's users.json and survive a restart; in a cluster they
/// are answered once every Up member made them too. PUT takes
/// RabbitMQ's body: <c>password</c> (hashed by the node) or <c>password_hash</c> (neither: no password, the user
/// signs in with a client certificate only), and <c>tags</c> as a comma-separated string or a list. A user created
/// here has no permissions until some are set (PUT /api/permissions/{vhost}/{user}), as in RabbitMQ.
/// </summary>
internal static class UsersEndpoints
{
    // UserStore is marked [FromServices]: a host without it (a test's bare management server) still builds the
    // other routes instead of taking the store for a request body.
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/users", (HttpContext context, [FromServices] UserStore store) =>
        {
            RequireAdministrator(context, "the users");
            return ApiJson.Ok(store.Users.List().Select(UserStore.ToDefinition).ToList());
        });

        api.MapPut("/users/{name}", async (string name, HttpRequest request, [FromServices] UserStore store) =>
        {
            name = ApiNames.FromPath(name);
            var body = await ApiJson.ReadBodyAsync<UserDefinition>(request).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(body.Name) && body.Name != name)
            {
                throw ApiException.BadRequest($"The body names user '{body.Name}' but the path names '{name}'.");
            }

            if (body.Password is not null && !string.IsNullOrEmpty(body.PasswordHash))
            {
                throw ApiException.BadRequest($"User '{name}': give password or password_hash, not both.");
            }

            var user = ParseUser(body with { Name = name });
            return await store.PutAsync(user, restrictNew: true).ConfigureAwait(false) ? Results.StatusCode(StatusCodes.Status201Created) : Results.NoContent();
        });

        api.MapDelete("/users/{name}", async (string name, [FromServices] UserStore store) =>
        {
            name = ApiNames.FromPath(name);
            return await store.RemoveAsync(name).ConfigureAwait(false)
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
