using ActorBroker.Hocon;
using ActorBroker.Server.Logging;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Tests.Logging;

public sealed class LoggingSettingsTests
{
    [Fact]
    public void The_default_config_logs_text_at_information()
    {
        var settings = LoggingSettings.From(ConfigFactory.ParseFile(Path.Combine(AppContext.BaseDirectory, "config", "broker.conf")));

        Assert.Equal(new LoggingSettings(LogFormat.Text, LogLevel.Information), settings);
    }

    [Fact]
    public void Format_and_level_are_read_in_any_case()
    {
        var settings = LoggingSettings.From(ConfigFactory.ParseString("actorbroker.logging { format = JSON, level = Warning }"));

        Assert.Equal(new LoggingSettings(LogFormat.Json, LogLevel.Warning), settings);
    }

    [Theory]
    [InlineData("format = xml, level = information", "actorbroker.logging.format must be text or json, not 'xml'.")]
    [InlineData("format = text, level = 2", "actorbroker.logging.level must be one of trace, debug, information, warning, error, critical, none, not '2'.")]
    [InlineData("format = text, level = info", "actorbroker.logging.level must be one of trace, debug, information, warning, error, critical, none, not 'info'.")]
    public void A_bad_value_is_refused_naming_the_key_and_the_allowed_values(string section, string error)
    {
        var config = ConfigFactory.ParseString($"actorbroker.logging {{ {section} }}");

        Assert.Equal(error, Assert.Throws<ArgumentException>(() => LoggingSettings.From(config)).Message);
    }
}
