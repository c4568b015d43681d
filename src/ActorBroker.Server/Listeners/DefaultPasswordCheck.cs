using System.Net;
using ActorBroker.Server.Management;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Listeners;

/// <summary>
/// Warns at start when the well-known guest/guest is still in use while a listener faces more than loopback: the
/// first password anyone tries. Guest itself may sign in only from loopback (security.loopback-users), but a node
/// made reachable usually means someone meant to change it.
/// </summary>
internal sealed partial class DefaultPasswordCheck(
    AmqpListenerSettings amqp,
    ManagementSettings management,
    ConfiguredUsers users,
    ILogger<DefaultPasswordCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var warning in Warnings(Exposed(amqp, management), users))
        {
            LogDefaultPassword(logger, warning);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The warnings for a node whose listeners face <paramref name="exposed"/> (addresses that are not loopback).</summary>
    public static IEnumerable<string> Warnings(IReadOnlyList<string> exposed, ConfiguredUsers users)
    {
        ArgumentNullException.ThrowIfNull(exposed);
        ArgumentNullException.ThrowIfNull(users);
        if (exposed.Count == 0 || users.Authenticate(ConfiguredUsers.GuestName, ConfiguredUsers.GuestName, fromLoopback: true) is not { } guest)
        {
            yield break;
        }

        var reach = users.IsLoopbackOnly(guest)
            ? "it may sign in from loopback only (security.loopback-users), yet it is the first password anyone tries"
            : "and it may sign in from anywhere";
        yield return $"User '{guest.Name}' still has the default password '{ConfiguredUsers.GuestName}' while the node listens on {string.Join(", ", exposed)}: {reach}. "
            + "Change its password (actorbroker users add guest --new-password …) or remove it (users.guest = null).";
    }

    /// <summary>The listeners of the node that do not listen on loopback alone, as host:port.</summary>
    public static IReadOnlyList<string> Exposed(AmqpListenerSettings amqp, ManagementSettings management)
    {
        ArgumentNullException.ThrowIfNull(amqp);
        ArgumentNullException.ThrowIfNull(management);
        var listeners = new List<(IPAddress Host, int Port)>();
        if (amqp.Plain)
        {
            listeners.Add((amqp.Host, amqp.Port));
        }

        if (amqp.Tls is { } amqps)
        {
            listeners.Add((amqp.Host, amqps.Port));
        }

        if (management.Enabled && management.Plain)
        {
            listeners.Add((management.Host, management.Port));
        }

        if (management.Enabled && management.Tls is { } https)
        {
            listeners.Add((management.Host, https.Port));
        }

        return [.. listeners.Where(l => !IPAddress.IsLoopback(l.Host)).Select(l => new IPEndPoint(l.Host, l.Port).ToString())];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogDefaultPassword(ILogger logger, string warning);
}
