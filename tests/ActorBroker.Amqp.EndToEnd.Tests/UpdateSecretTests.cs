using RabbitMQ.Client.Events;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class UpdateSecretTests : NodeTest
{
    [Fact]
    public async Task Updating_the_secret_with_a_valid_one_keeps_the_connection_working()
    {
        await Connection.UpdateSecretAsync("guest", "token refreshed");

        Assert.True(Connection.IsOpen);
        await DeclareQueueAsync("after-update");
        Assert.Equal(0u, (await Channel.QueueDeclarePassiveAsync("after-update")).MessageCount);
    }

    // RabbitMQ 3.10 accepts such a secret; ActorBroker refuses it on purpose (docs/compatibility.md).
    [Fact]
    public async Task Updating_the_secret_with_a_refused_one_closes_the_connection_with_not_allowed()
    {
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        Connection.ConnectionShutdownAsync += (_, e) =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };

        await Assert.ThrowsAnyAsync<Exception>(() => Connection.UpdateSecretAsync("wrong", "token refreshed"));

        var reason = await closed.Task.WaitAsync(BrokerNode.Timeout);
        Assert.Equal(530, reason.ReplyCode);
        Assert.Contains("new secret was refused for user 'guest'", reason.ReplyText, StringComparison.Ordinal);
    }
}
