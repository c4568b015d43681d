using ActorBroker.Amqp.Connections;
using ActorBroker.Server.Listeners;

namespace ActorBroker.Server.Tests.Security;

public sealed class VirtualHostPermissionsTests
{
    [Theory]
    [InlineData(".*", "anything", true)]
    [InlineData("", "anything", false)]
    [InlineData("", "", false)]
    [InlineData("orders", "eu.orders.dlq", true)]
    [InlineData("^orders$", "eu.orders", false)]
    [InlineData("^amq\\.gen-", "amq.gen-", true)]
    public void Patterns_match_anywhere_unless_anchored_and_the_empty_one_matches_nothing(string pattern, string resource, bool allowed)
    {
        var permissions = new VirtualHostPermissions(pattern, pattern, pattern);

        Assert.Equal(allowed, permissions.Allows(ResourceAccess.Configure, resource));
        Assert.Equal(allowed, permissions.Allows(ResourceAccess.Write, resource));
        Assert.Equal(allowed, permissions.Allows(ResourceAccess.Read, resource));
    }

    [Fact]
    public void Each_access_has_its_own_pattern()
    {
        var permissions = new VirtualHostPermissions("^c", "^w", "^r");

        Assert.Equal(
            [true, false, false, true, false, true],
            [
                permissions.Allows(ResourceAccess.Configure, "c1"), permissions.Allows(ResourceAccess.Write, "c1"), permissions.Allows(ResourceAccess.Read, "c1"),
                permissions.Allows(ResourceAccess.Write, "w1"), permissions.Allows(ResourceAccess.Configure, "w1"), permissions.Allows(ResourceAccess.Read, "r1"),
            ]);
    }

    [Fact]
    public void A_pattern_that_takes_too_long_to_match_refuses_instead_of_holding_the_connection()
    {
        var permissions = new VirtualHostPermissions("^(a+)+$", ".*", ".*");

        Assert.False(permissions.Allows(ResourceAccess.Configure, new string('a', 40) + "!"));
    }

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new VirtualHostPermissions(".*", "[", ".*"));

        Assert.Contains("write pattern '['", error.Message, StringComparison.Ordinal);
    }
}
