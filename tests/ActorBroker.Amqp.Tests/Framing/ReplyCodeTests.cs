using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Tests.Framing;

public class ReplyCodeTests
{
    [Theory]
    [InlineData(ReplyCode.Success, 200, "REPLY_SUCCESS", ReplyCodeScope.None)]
    [InlineData(ReplyCode.ContentTooLarge, 311, "CONTENT_TOO_LARGE", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.NoRoute, 312, "NO_ROUTE", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.NoConsumers, 313, "NO_CONSUMERS", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.ConnectionForced, 320, "CONNECTION_FORCED", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.InvalidPath, 402, "INVALID_PATH", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.AccessRefused, 403, "ACCESS_REFUSED", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.NotFound, 404, "NOT_FOUND", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.ResourceLocked, 405, "RESOURCE_LOCKED", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.PreconditionFailed, 406, "PRECONDITION_FAILED", ReplyCodeScope.Channel)]
    [InlineData(ReplyCode.FrameError, 501, "FRAME_ERROR", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.SyntaxError, 502, "SYNTAX_ERROR", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.CommandInvalid, 503, "COMMAND_INVALID", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.ChannelError, 504, "CHANNEL_ERROR", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.UnexpectedFrame, 505, "UNEXPECTED_FRAME", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.ResourceError, 506, "RESOURCE_ERROR", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.NotAllowed, 530, "NOT_ALLOWED", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.NotImplemented, 540, "NOT_IMPLEMENTED", ReplyCodeScope.Connection)]
    [InlineData(ReplyCode.InternalError, 541, "INTERNAL_ERROR", ReplyCodeScope.Connection)]
    public void Each_reply_code_has_a_stable_number_name_and_scope(ReplyCode code, int number, string name, ReplyCodeScope scope)
    {
        Assert.Equal(number, (int)code);
        Assert.Equal(name, ReplyCodes.GetName(code));
        Assert.Equal(scope, ReplyCodes.GetScope(code));
    }

    [Fact]
    public void The_catalogue_lists_every_code_once_in_numeric_order()
    {
        Assert.Equal(Enum.GetValues<ReplyCode>(), ReplyCodes.All);
        Assert.Equal(19, ReplyCodes.All.Count);
    }

    [Fact]
    public void Protocol_exception_knows_whether_it_closes_the_channel_or_the_connection()
    {
        Assert.False(new AmqpProtocolException(ReplyCode.NotFound, "no queue 'q'").IsConnectionError);
        Assert.True(new AmqpProtocolException(ReplyCode.FrameError, "bad").IsConnectionError);
        Assert.Equal("NOT_FOUND - no queue 'q'", new AmqpProtocolException(ReplyCode.NotFound, "no queue 'q'").ReplyText);
    }
}
