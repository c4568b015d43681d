using System.Net;
using ActorBroker.Server.Listeners;
using ActorBroker.Server.Management;
using ActorBroker.Server.Tests.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client.Exceptions;

namespace ActorBroker.Server.Tests.Security;

public sealed class SignInHardeningTests : IAsyncLifetime
{
    private readonly ManagementNode _node = new() { ExtraConfig = "actorbroker.security { max-failed-logins = 3, failed-login-window = 1h }" };

    public Task InitializeAsync() => _node.InitializeAsync();

    public Task DisposeAsync() => _node.DisposeAsync();

    [Fact]
    public async Task After_too_many_failed_sign_ins_over_http_the_right_password_is_refused_over_http_and_amqp_too()
    {
        for (var i = 0; i < 3; i++)
        {
            using var wrong = _node.ClientAs("watcher", "guess");
            using var refused = await wrong.GetAsync("/api/whoami");
            await refused.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using var right = _node.ClientAs("watcher", "watcher");
        using var locked = await right.GetAsync("/api/whoami");
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = _node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port,
            UserName = "watcher",
            Password = "watcher",
            AutomaticRecoveryEnabled = false,
        };

        await locked.AssertStatusAsync(HttpStatusCode.Unauthorized);
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => factory.CreateConnectionAsync().WaitAsync(TimeSpan.FromSeconds(15)));
        using var otherUser = await _node.Admin.GetAsync("/api/whoami");
        await otherUser.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public void The_throttle_forgets_failures_once_their_window_has_passed_and_after_a_success()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(2, TimeSpan.FromSeconds(30), time);
        var address = IPAddress.Parse("192.0.2.7");

        throttle.Failed(address, "alice");
        throttle.Failed(address, "alice");
        var lockedThen = throttle.IsLocked(address, "alice");
        var otherAddress = throttle.IsLocked(IPAddress.Parse("192.0.2.8"), "alice");
        time.Advance(TimeSpan.FromSeconds(30));
        var lockedAfterWindow = throttle.IsLocked(address, "alice");
        throttle.Failed(address, "bob");
        throttle.Succeeded(address, "bob");
        throttle.Failed(address, "bob");

        Assert.True(lockedThen);
        Assert.False(otherAddress);
        Assert.False(lockedAfterWindow);
        Assert.False(throttle.IsLocked(address, "bob"));
    }

    [Fact]
    public void Guest_signs_in_from_loopback_only_even_when_its_own_setting_says_otherwise()
    {
        var guest = new NodeUser("guest", PasswordHash.Parse(PasswordHash.Create("guest", iterations: 1)), [], LoopbackOnly: false);
        var users = new ConfiguredUsers([guest]);
        var opened = new ConfiguredUsers([guest], loopbackUsers: []);

        Assert.Null(users.Authenticate("guest", "guest", IPAddress.Parse("192.0.2.7")));
        Assert.NotNull(users.Authenticate("guest", "guest", IPAddress.Loopback));
        Assert.NotNull(opened.Authenticate("guest", "guest", IPAddress.Parse("192.0.2.7")));
    }

    [Fact]
    public void The_default_password_is_warned_about_only_when_a_listener_faces_more_than_loopback()
    {
        var users = ConfiguredUsers.GuestOnly();
        var amqp = AmqpListenerSettings.Loopback(5672);
        var management = ManagementSettings.Loopback(15672);

        var onLoopback = DefaultPasswordCheck.Warnings(DefaultPasswordCheck.Exposed(amqp, management), users);
        var exposed = DefaultPasswordCheck.Warnings(DefaultPasswordCheck.Exposed(amqp with { Host = IPAddress.Any }, management), users).ToList();
        users.Put(new NodeUser("guest", PasswordHash.Parse(PasswordHash.Create("changed", iterations: 1)), [], LoopbackOnly: true));
        var changed = DefaultPasswordCheck.Warnings(DefaultPasswordCheck.Exposed(amqp with { Host = IPAddress.Any }, management), users);

        Assert.Empty(onLoopback);
        Assert.Contains("User 'guest' still has the default password 'guest' while the node listens on 0.0.0.0:5672", Assert.Single(exposed), StringComparison.Ordinal);
        Assert.Empty(changed);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
