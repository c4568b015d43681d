using ActorBroker.Amqp.Server;
using ActorBroker.Hocon;
using ActorBroker.Server.Alarms;

namespace ActorBroker.Amqp.EndToEnd.Tests;

public sealed class AlarmMonitorTests
{
    private readonly FakeResourceProbe _probe = new();
    private readonly PublishGate _gate = new();

    private AlarmMonitor NewMonitor() => new(new AlarmSettings(0.4, 1_000_000_000, TimeSpan.FromHours(1)), _probe, _gate);

    [Fact]
    public async Task Memory_above_the_watermark_sets_the_memory_alarm_and_blocks_publishers()
    {
        await using var monitor = NewMonitor();
        _probe.MemoryUsed = (long)(_probe.MemoryTotal * 0.41);

        monitor.Check();

        Assert.Equal(ResourceAlarms.Memory, monitor.Active);
        Assert.True(_gate.IsBlocked);
    }

    [Fact]
    public async Task Memory_at_the_watermark_and_disk_at_the_limit_set_no_alarm()
    {
        await using var monitor = NewMonitor();
        _probe.MemoryUsed = (long)(_probe.MemoryTotal * 0.4);
        _probe.DiskFree = 1_000_000_000;

        monitor.Check();

        Assert.Equal(ResourceAlarms.None, monitor.Active);
        Assert.False(_gate.IsBlocked);
    }

    [Fact]
    public async Task Disk_below_the_free_limit_sets_the_disk_alarm()
    {
        await using var monitor = NewMonitor();
        _probe.DiskFree = 999_999_999;

        monitor.Check();

        Assert.Equal(ResourceAlarms.Disk, monitor.Active);
        Assert.True(_gate.IsBlocked);
    }

    [Fact]
    public async Task Publishers_are_unblocked_only_once_every_alarm_has_cleared()
    {
        await using var monitor = NewMonitor();
        _probe.MemoryUsed = _probe.MemoryTotal;
        _probe.DiskFree = 0;
        monitor.Check();
        Assert.Equal(ResourceAlarms.Memory | ResourceAlarms.Disk, monitor.Active);

        _probe.MemoryUsed = 0;
        monitor.Check();
        Assert.Equal(ResourceAlarms.Disk, monitor.Active);
        Assert.True(_gate.IsBlocked);

        _probe.DiskFree = 2_000_000_000;
        monitor.Check();
        Assert.Equal(ResourceAlarms.None, monitor.Active);
        Assert.False(_gate.IsBlocked);
    }

    [Fact]
    public async Task A_disk_that_cannot_be_read_keeps_its_alarm_as_it_was()
    {
        await using var monitor = NewMonitor();
        _probe.DiskFree = 0;
        monitor.Check();

        _probe.DiskError = new IOException("the drive went away");
        monitor.Check();

        Assert.Equal(ResourceAlarms.Disk, monitor.Active);
    }

    [Fact]
    public async Task Start_samples_at_once_without_waiting_for_the_interval()
    {
        await using var monitor = NewMonitor();
        _probe.DiskFree = 0;

        monitor.Start();

        Assert.Equal(ResourceAlarms.Disk, monitor.Active);
    }

    [Fact]
    public void The_settings_are_read_from_the_alarms_section_of_the_config()
    {
        var config = ConfigFactory.ParseString("actorbroker.alarms { memory-high-watermark = 0.6, disk-free-limit = 2GiB, check-interval = 250ms }");

        var settings = AlarmSettings.From(config);

        Assert.Equal(new AlarmSettings(0.6, 2L * 1024 * 1024 * 1024, TimeSpan.FromMilliseconds(250)), settings);
    }

    [Theory]
    [InlineData("memory-high-watermark = 40, disk-free-limit = 1GB", "memory-high-watermark = 40")]
    [InlineData("memory-high-watermark = 0, disk-free-limit = 1GB", "memory-high-watermark = 0")]
    [InlineData("memory-high-watermark = 0.4, disk-free-limit = 1GB, check-interval = 0s", "check-interval")]
    public void Out_of_range_settings_are_refused_naming_the_setting(string alarms, string expected)
    {
        var config = ConfigFactory.ParseString($"actorbroker.alarms {{ {alarms} }}");

        var error = Assert.Throws<ArgumentException>(() => AlarmSettings.From(config));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
