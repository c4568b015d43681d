using System.Collections;

namespace ActorBroker.Hocon.Tests;

public sealed class ConfigFactoryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Config Load(string? userFile, params (string Name, string Value)[] environment)
    {
        var variables = new Hashtable();
        foreach (var (name, value) in environment)
            variables[name] = value;
        return ConfigFactory.Load(userFile, [typeof(ConfigFactoryTests).Assembly], variables);
    }

    [Fact]
    public void Load_without_a_user_file_gives_the_embedded_reference_config()
    {
        var config = Load(null);
        Assert.Equal("hello", config.GetString("test-module.greeting"));
        Assert.Equal("hello world", config.GetString("test-module.derived"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("test-module.timeout"));
    }

    [Fact]
    public void The_user_file_overrides_and_merges_with_the_reference_config_and_may_refer_to_it()
    {
        var user = _dir.Write("app.conf", "test-module { nested.b = 20, timeout = 1s }\nmine = ${test-module.greeting}-mine");
        var config = Load(user);
        Assert.Equal(1, config.GetInt("test-module.nested.a"));
        Assert.Equal(20, config.GetInt("test-module.nested.b"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("test-module.timeout"));
        Assert.Equal("hello-mine", config.GetString("mine"));
    }

    [Fact]
    public void The_reference_config_is_resolved_on_its_own_before_the_user_file_overrides_it()
    {
        var user = _dir.Write("app.conf", "test-module.greeting = bonjour");
        Assert.Equal("hello world", Load(user).GetString("test-module.derived"));
    }

    [Fact]
    public void Environment_variables_with_the_actorbroker_prefix_override_paths()
    {
        var user = _dir.Write("app.conf", "test-module.nested.a = 10");
        var config = Load(user, ("ACTORBROKER__test-module__nested__a", "30"), ("ACTORBROKER__extra__flag", "on"), ("OTHER__x", "1"));
        Assert.Equal(30, config.GetInt("test-module.nested.a"));
        Assert.True(config.GetBoolean("extra.flag"));
        Assert.False(config.HasPath("OTHER"));
        var error = Assert.Throws<ConfigException>(() => Load(user, ("ACTORBROKER__test-module__nested__a", "x")).GetInt("test-module.nested.a"));
        Assert.Equal("environment variable ACTORBROKER__test-module__nested__a", error.File);
    }

    private const string SettingsWithDashesAndUnderscores = """
        akka.persistence.snapshot-store.plugin = sqlite
        actorbroker.queues.in-memory-messages = 1000
        legacy_name = old
        snapshot-store { key_file = a }
        base { x = 1 }
        layered-key = ${base}
        layered-key { inner_key = 2 }
        """;

    [Theory]
    [InlineData("ACTORBROKER__akka__persistence__snapshot_store__plugin", "akka.persistence.snapshot-store.plugin")]
    [InlineData("ACTORBROKER__akka__persistence__snapshot-store__plugin", "akka.persistence.snapshot-store.plugin")]
    [InlineData("ACTORBROKER__actorbroker__queues__in_memory_messages", "actorbroker.queues.in-memory-messages")]
    [InlineData("ACTORBROKER__test_module__greeting", "test-module.greeting")]
    [InlineData("ACTORBROKER__actorbroker__amqp__tls__private_key", "actorbroker.amqp.tls.private-key")]
    [InlineData("ACTORBROKER__actorbroker__not_yet_a_setting", "actorbroker.not-yet-a-setting")]
    [InlineData("ACTORBROKER__legacy_name", "legacy_name")]
    [InlineData("ACTORBROKER__snapshot_store__key_file", "snapshot-store.key_file")]
    [InlineData("ACTORBROKER__layered_key__inner_key", "layered-key.inner_key")]
    public void An_underscore_inside_a_path_element_stands_for_a_dash_unless_the_config_has_the_key_spelled_with_it(
        string variable, string path)
    {
        var user = _dir.Write("app.conf", SettingsWithDashesAndUnderscores);
        var config = Load(user, (variable, "from-env"));
        Assert.Equal("from-env", config.GetString(path));
        var otherSpelling = path.Contains('_', StringComparison.Ordinal) ? path.Replace('_', '-') : path.Replace('-', '_');
        Assert.False(config.HasPath(otherSpelling), $"{variable} also set {otherSpelling}");
    }

    [Fact]
    public void The_dash_and_the_underscore_spellings_of_one_setting_set_the_same_path_and_the_underscore_one_wins()
    {
        var user = _dir.Write("app.conf", SettingsWithDashesAndUnderscores);
        var config = Load(user,
            ("ACTORBROKER__akka__persistence__snapshot_store__plugin", "shell"),
            ("ACTORBROKER__akka__persistence__snapshot-store__plugin", "dash"));
        Assert.Equal("shell", config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.False(config.HasPath("akka.persistence.snapshot_store"));
    }

    [Fact]
    public void An_error_in_an_override_spelled_with_underscores_names_the_variable_as_written()
    {
        var error = Assert.Throws<ConfigException>(() => Load(null, ("ACTORBROKER__test_module__nested__a", "x")).GetInt("test-module.nested.a"));
        Assert.Equal("environment variable ACTORBROKER__test_module__nested__a", error.File);
    }

    [Fact]
    public void Environment_overrides_are_visible_to_substitutions_of_the_user_file()
    {
        var user = _dir.Write("app.conf", "port = 1\nurl = \"http://host:\"${port}");
        Assert.Equal("http://host:2", Load(user, ("ACTORBROKER__port", "2")).GetString("url"));
    }

    [Fact]
    public void Optional_environment_substitutions_fall_back_to_the_file_value()
    {
        var user = _dir.Write("app.conf", "conn = default\nconn = ${?PG_CONN}");
        Assert.Equal("default", Load(user).GetString("conn"));
        Assert.Equal("from-env", Load(user, ("PG_CONN", "from-env")).GetString("conn"));
    }

    [Fact]
    public void A_missing_user_file_is_a_clear_error()
    {
        var error = Assert.Throws<ConfigException>(() => Load(Path.Combine(_dir.Path, "absent.conf")));
        Assert.Contains("config file not found", error.Message, StringComparison.Ordinal);
        Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(Path.Combine(_dir.Path, "absent.conf")));
    }

    [Fact]
    public void Parse_file_reads_json_by_json_rules_and_other_files_as_hocon()
    {
        var json = _dir.Write("strict.json", "{ \"a\": 1 } ");
        Assert.Equal(1, ConfigFactory.ParseFile(json).GetInt("a"));
        var notJson = _dir.Write("loose.json", "a = 1");
        var error = Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(notJson));
        Assert.Equal((1, 1), (error.Line, error.Column));
        var hocon = _dir.Write("loose.txt", "a = 1");
        Assert.Equal(1, ConfigFactory.ParseFile(hocon).GetInt("a"));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_a_clear_error()
    {
        var file = Path.Combine(_dir.Path, "latin1.conf");
        File.WriteAllBytes(file, [(byte)'a', (byte)'=', 0xE9, 0xFF]);
        Assert.Contains("not valid UTF-8", Assert.Throws<ConfigException>(() => ConfigFactory.ParseFile(file)).Message, StringComparison.Ordinal);
    }
}
