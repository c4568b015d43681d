using System.Text.Json;

namespace ActorBroker.Cli.Tests;

public sealed class ConfigPrintTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cli-tests-" + Guid.NewGuid().ToString("N"));

    public ConfigPrintTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    [Fact]
    public async Task Config_print_writes_the_resolved_config_as_json_and_exits_0()
    {
        var file = Write("app.conf", """
            # comment
            server { host = localhost, port = 5672 }
            server.port = 5673
            url = "amqp://"${server.host}":"${server.port}
            list = [1, 2]
            list += 3
            flags { on = true, off = null, ratio = 0.5 }
            """);
        var result = await CliRunner.RunAsync("config", "print", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Equal(
            """{"server":{"host":"localhost","port":5673},"url":"amqp://localhost:5673","list":[1,2,3],"flags":{"on":true,"off":null,"ratio":0.5}}""",
            Compact(result.Stdout));
    }

    [Fact]
    public async Task A_parse_error_goes_to_stderr_as_file_line_column_message_and_exits_1()
    {
        var file = Write("broken.conf", "a {\n  x = 1\n  y ]\n}\n");
        var result = await CliRunner.RunAsync("config", "print", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"{file}:3:5: expected '=', ':' or '{{' after key 'y', found ']'", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task An_unresolvable_substitution_is_reported_with_its_location()
    {
        var file = Write("subst.conf", "a = 1\nb = ${nowhere.to.be.found}\n");
        var result = await CliRunner.RunAsync("config", "print", file);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{file}:2:5: could not resolve substitution ${{nowhere.to.be.found}}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_clear_error_and_exits_1()
    {
        var missing = Path.Combine(_dir, "absent.conf");
        var result = await CliRunner.RunAsync("config", "print", missing);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"actorbroker: config file not found: {missing}", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task A_missing_argument_is_a_usage_error_that_points_to_the_commands_help()
    {
        var result = await CliRunner.RunAsync("config", "print");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("Required argument missing", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'actorbroker config print --help' for usage.", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_file_is_read_by_json_rules()
    {
        var valid = Write("doc.json", """{ "a": [1, 2.5e1, "x"], "b": { "c": null } }""");
        var ok = await CliRunner.RunAsync("config", "print", valid);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("""{"a":[1,25,"x"],"b":{"c":null}}""", Compact(ok.Stdout));

        var hoconInJson = Write("loose.json", "{ a = 1 }");
        var error = await CliRunner.RunAsync("config", "print", hoconInJson);
        Assert.Equal(1, error.ExitCode);
        Assert.StartsWith($"{hoconInJson}:1:3: ", error.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Substitutions_fall_back_to_environment_variables_only_for_names_the_file_does_not_define()
    {
        var file = Write("env.conf", "FROM_FILE = file-value\na = ${FROM_FILE}\nb = ${ONLY_IN_ENV}\nc = ${?NOT_SET_ANYWHERE}");
        var environment = new Dictionary<string, string> { ["FROM_FILE"] = "env-value", ["ONLY_IN_ENV"] = "env-only" };
        var result = await CliRunner.RunAsync(environment, "config", "print", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"FROM_FILE":"file-value","a":"file-value","b":"env-only"}""", Compact(result.Stdout));
    }

    [Fact]
    public async Task Includes_are_resolved_relative_to_the_printed_file()
    {
        Write("conf.d/base.conf", "base { size = 6 }");
        var file = Write("conf.d/app.conf", "include \"base\"\nbase.name = east");
        var result = await CliRunner.RunAsync("config", "print", file);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"base":{"size":6,"name":"east"}}""", Compact(result.Stdout));
    }

    [Fact]
    public async Task The_shipped_broker_conf_prints_with_its_defaults()
    {
        var environment = new Dictionary<string, string> { ["ACTORBROKER_PG_CONNECTION"] = "Host=db;Database=x" };
        var result = await CliRunner.RunAsync(environment, "config", "print", FindBrokerConf());
        Assert.Equal(0, result.ExitCode);
        var broker = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("actorbroker");
        Assert.Equal(5672, broker.GetProperty("amqp").GetProperty("port").GetInt32());
        Assert.Equal("127.0.0.1", broker.GetProperty("amqp").GetProperty("host").GetString());
        Assert.Equal(15672, broker.GetProperty("management").GetProperty("port").GetInt32());
        Assert.Equal("data/journal.db", broker.GetProperty("journal").GetProperty("sqlite").GetProperty("path").GetString());
        Assert.Equal("Host=db;Database=x", broker.GetProperty("journal").GetProperty("postgresql").GetProperty("connection-string").GetString());
        Assert.True(broker.GetProperty("users").GetProperty("guest").GetProperty("loopback-only").GetBoolean());
    }

    [Fact]
    public void The_shipped_broker_conf_reads_with_typed_getters()
    {
        var broker = Hocon.ConfigFactory.ParseFile(FindBrokerConf()).GetConfig("actorbroker");
        Assert.Equal(128 * 1024, broker.GetBytes("amqp.frame-max"));
        Assert.Equal(TimeSpan.FromSeconds(60), broker.GetDuration("amqp.heartbeat"));
        Assert.Equal(8192, broker.GetInt("journal.group-commit.max-batch"));
        Assert.Equal(1000, broker.GetInt("journal.snapshot-every"));
        Assert.Equal(64L * 1024 * 1024, broker.GetBytes("queues.in-memory-bytes"));
        Assert.Equal(1_000_000_000, broker.GetBytes("alarms.disk-free-limit"));
        Assert.Equal(0.4, broker.GetDouble("alarms.memory-high-watermark"));
        Assert.Equal(["administrator"], broker.GetStringList("users.guest.tags"));
        Assert.Equal("sqlite", broker.GetString("journal.plugin"));
    }

    private static string FindBrokerConf()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "config", "broker.conf");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException("config/broker.conf not found above " + AppContext.BaseDirectory);
    }
}
