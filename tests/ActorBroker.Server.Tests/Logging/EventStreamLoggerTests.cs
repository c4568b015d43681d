using ActorBroker.Actors;
using ActorBroker.Broker.Queues;
using ActorBroker.Server.Logging;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Logging;

public sealed class EventStreamLoggerTests : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private readonly ActorSystem _system = ActorSystem.Create("logging");
    private readonly CapturingLogger _log = new();

    public EventStreamLoggerTests() => EventStreamLogger.Start(_system, _log);

    public async ValueTask DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task A_crashing_actor_is_logged_as_an_error_with_the_actor_and_the_reason_as_fields()
    {
        var actor = _system.ActorOf(Props.Create(() => new Crashing()), "orders-1");

        actor.Tell("poison");
        var entry = await _log.WaitForAsync("failed", s_timeout);

        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.EndsWith("/orders-1", (string)entry.Fields["Actor"]!, StringComparison.Ordinal);
        Assert.Equal("cannot digest poison", entry.Fields["Reason"]);
        Assert.IsType<InvalidOperationException>(entry.Exception);
    }

    [Fact]
    public async Task A_dropped_stale_settlement_is_a_debug_entry_naming_the_queue()
    {
        _system.EventStream.Publish(new StaleSettlement("orders", "an ack"));

        var entry = await _log.WaitForAsync("dropped", s_timeout);

        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal("orders", entry.Fields["Queue"]);
    }

    private sealed class Crashing : ActorBase
    {
        protected override bool Receive(object message) => throw new InvalidOperationException($"cannot digest {message}");
    }
}
