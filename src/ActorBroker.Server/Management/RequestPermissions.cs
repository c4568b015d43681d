using ActorBroker.Amqp.Connections;
using ActorBroker.Server.Listeners;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ActorBroker.Server.Management;

/// <summary>The permissions in one virtual host of the user a request authenticated as, checked as AMQP checks them.</summary>
internal sealed class RequestPermissions
{
    private readonly string _userName;
    private readonly string _vhost;
    private readonly VirtualHostPermissions _permissions;

    private RequestPermissions(string userName, string vhost, VirtualHostPermissions permissions)
    {
        _userName = userName;
        _vhost = vhost;
        _permissions = permissions;
    }

    /// <summary>Full permissions, for callers that act for the node itself rather than for a user.</summary>
    public static RequestPermissions Node(string vhost) => new("", vhost, VirtualHostPermissions.Full);

    /// <exception cref="ApiException">403: the user has no permissions in the virtual host.</exception>
    public static RequestPermissions Of(HttpRequest request, string vhost)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.HttpContext.User().Name;
        var permissions = request.HttpContext.RequestServices.GetRequiredService<ConfiguredUsers>().Permissions.For(user, vhost)
            ?? throw ApiException.Forbidden($"Access to virtual host '{vhost}' refused for user '{user}': it has no permissions there.");
        return new RequestPermissions(user, vhost, permissions);
    }

    /// <summary>Refuses unless the user has <paramref name="access"/> to the <paramref name="kind"/> (queue, exchange, schema) named <paramref name="name"/>.</summary>
    /// <exception cref="ApiException">403 naming the access, the resource, the virtual host and the user.</exception>
    public void Require(ResourceAccess access, string kind, string name)
    {
        if (!_permissions.Allows(access, name))
        {
            throw ApiException.Forbidden(
                $"{access} access to {kind} '{name}' in virtual host '{_vhost}' refused for user '{_userName}'.");
        }
    }
}
