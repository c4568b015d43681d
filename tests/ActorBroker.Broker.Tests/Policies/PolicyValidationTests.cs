using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Policies;

namespace ActorBroker.Broker.Tests.Policies;

public class PolicyValidationTests
{
    private static BrokerException Refused(string pattern, Headers definition, PolicyTarget applyTo = PolicyTarget.Queues) =>
        Assert.Throws<BrokerException>(() => new Policy("p1", pattern, applyTo, 0, definition));

    [Fact]
    public void A_pattern_that_is_not_a_regular_expression_is_refused_naming_the_policy_and_pattern()
    {
        var error = Refused("orders[", new Headers { ["message-ttl"] = 1000 });

        Assert.Equal(BrokerErrorCode.InvalidArgument, error.Code);
        Assert.Contains("'p1'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'orders['", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_definition_key_is_refused_listing_the_known_keys()
    {
        var error = Refused(".*", new Headers { ["message-tll"] = 1000 });

        Assert.Contains("unknown definition key 'message-tll'", error.Message, StringComparison.Ordinal);
        Assert.Contains("dead-letter-exchange", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_priority_is_refused_because_only_a_declaration_may_set_it()
    {
        var error = Refused(".*", new Headers { ["max-priority"] = 10 });

        Assert.Contains("x-max-priority", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message-ttl")]
    [InlineData("max-length")]
    [InlineData("delivery-limit")]
    public void A_number_given_as_text_is_refused_with_the_expected_type(string key)
    {
        var error = Refused(".*", new Headers { [key] = "100" });

        Assert.Contains($"key '{key}' = 100 is String; expected Integer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_value_or_unknown_overflow_mode_is_refused()
    {
        Assert.Contains("'expires'", Refused(".*", new Headers { ["expires"] = 0 }).Message, StringComparison.Ordinal);
        Assert.Contains("reject-publish", Refused(".*", new Headers { ["overflow"] = "drop-tail" }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_definition_and_queue_keys_on_an_exchange_policy_are_refused()
    {
        Assert.Contains("empty", Refused(".*", []).Message, StringComparison.Ordinal);
        Assert.Contains("exchanges only", Refused(".*", new Headers { ["max-length"] = 5 }, PolicyTarget.Exchanges).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_matches_anywhere_in_the_name_unless_anchored()
    {
        var anywhere = new Policy("p", "orders", PolicyTarget.All, 0, new Headers { ["max-length"] = 1 });
        var anchored = new Policy("p", "^orders$", PolicyTarget.Queues, 0, new Headers { ["max-length"] = 1 });

        Assert.True(anywhere.AppliesToQueue("eu.orders.v2"));
        Assert.False(anchored.AppliesToQueue("eu.orders.v2"));
        Assert.True(anchored.AppliesToQueue("orders"));
    }
}
