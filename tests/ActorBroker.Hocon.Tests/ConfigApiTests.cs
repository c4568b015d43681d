namespace ActorBroker.Hocon.Tests;

public class ConfigApiTests
{
    private static readonly Config s_config = ConfigFactory.ParseString("""
        app {
          name = broker
          port = 5672
          big = 9000000000
          ratio = 0.75
          enabled = yes
          disabled = off
          flag = true
          port-text = "15672"
          timeout = 10s
          buffer = 64MiB
          hosts = [a, b, c]
          numbers = [1, 2]
          servers = [{ host = h1 }, { host = h2 }]
          indexed { "1" = second, "0" = first, other = ignored }
          nothing = null
          nested { deep { value = 1 } }
        }
        """, "api.conf");

    [Fact]
    public void Typed_getters_read_values_of_their_type()
    {
        Assert.Equal("broker", s_config.GetString("app.name"));
        Assert.Equal(5672, s_config.GetInt("app.port"));
        Assert.Equal(9_000_000_000, s_config.GetLong("app.big"));
        Assert.Equal(0.75, s_config.GetDouble("app.ratio"));
        Assert.True(s_config.GetBoolean("app.flag"));
        Assert.Equal(TimeSpan.FromSeconds(10), s_config.GetDuration("app.timeout"));
        Assert.Equal(64L * 1024 * 1024, s_config.GetBytes("app.buffer"));
        Assert.Equal(["a", "b", "c"], s_config.GetStringList("app.hosts"));
    }

    [Fact]
    public void Getters_convert_between_strings_numbers_and_booleans_as_the_spec_recommends()
    {
        Assert.Equal(15672, s_config.GetInt("app.port-text"));
        Assert.Equal("5672", s_config.GetString("app.port"));
        Assert.Equal("true", s_config.GetString("app.flag"));
        Assert.True(s_config.GetBoolean("app.enabled"));
        Assert.False(s_config.GetBoolean("app.disabled"));
        Assert.Equal(["1", "2"], s_config.GetStringList("app.numbers"));
        Assert.Equal(["first", "second"], s_config.GetStringList("app.indexed"));
    }

    [Fact]
    public void Get_config_returns_a_sub_tree_whose_errors_name_the_full_path()
    {
        var app = s_config.GetConfig("app");
        Assert.Equal(1, app.GetConfig("nested").GetInt("deep.value"));
        var error = Assert.Throws<ConfigException>(() => app.GetConfig("nested").GetInt("deep.missing"));
        Assert.Equal("app.nested.deep.missing", error.Path);
    }

    [Fact]
    public void Get_list_gives_typed_values_with_their_type_and_origin()
    {
        var servers = s_config.GetList("app.servers");
        Assert.Equal([ConfigValueType.Object, ConfigValueType.Object], servers.Select(s => s.Type));
        Assert.Equal(["h1", "h2"], servers.Select(s => s.AsConfig().GetString("host")));
        Assert.Equal("app.servers[1]", servers[1].Path);
        Assert.Equal("api.conf:14:29", servers[1].Origin);
        Assert.Equal(2, s_config.GetList("app.numbers")[1].AsInt());
    }

    [Theory]
    [InlineData("app.missing", "no setting at 'app.missing': 'app' has no key 'missing'", 1, 5)]
    [InlineData("nope", "no setting at 'nope'", 1, 1)]
    [InlineData("app.name.x", "no setting at 'app.name.x': 'app.name' is string \"broker\", not an object", 2, 10)]
    [InlineData("app.nothing", "'app.nothing' is null, expected a whole number", 16, 13)]
    [InlineData("app.name", "'app.name' is string \"broker\", expected a whole number", 2, 10)]
    [InlineData("app.big", "'app.big' is number 9000000000, expected a whole number that fits in 32 bits", 4, 9)]
    [InlineData("app.ratio", "'app.ratio' is number 0.75, expected a whole number", 5, 11)]
    [InlineData("app.hosts", "'app.hosts' is an array, expected a whole number", 12, 11)]
    [InlineData("app.nested", "'app.nested' is an object, expected a whole number", 17, 10)]
    public void A_missing_path_or_wrong_type_names_the_path_and_where_the_value_was_set(string path, string reason, int line, int column)
    {
        var error = Assert.Throws<ConfigException>(() => s_config.GetInt(path));
        Assert.Equal(reason, error.Reason);
        Assert.Equal(("api.conf", line, column), (error.File, error.Line, error.Column));
        Assert.Equal($"api.conf:{line}:{column}: {reason}", error.Message);
    }

    [Fact]
    public void Wrong_types_for_each_getter_are_errors()
    {
        Assert.Throws<ConfigException>(() => s_config.GetBoolean("app.name"));
        Assert.Throws<ConfigException>(() => s_config.GetDouble("app.name"));
        Assert.Throws<ConfigException>(() => s_config.GetString("app.nested"));
        Assert.Throws<ConfigException>(() => s_config.GetString("app.nothing"));
        Assert.Throws<ConfigException>(() => s_config.GetConfig("app.name"));
        Assert.Throws<ConfigException>(() => s_config.GetStringList("app.servers"));
        Assert.Throws<ConfigException>(() => s_config.GetList("app.name"));
    }

    [Fact]
    public void Default_overloads_apply_only_when_the_path_is_missing_or_null()
    {
        Assert.Equal("x", s_config.GetString("app.absent", "x"));
        Assert.Equal(7, s_config.GetInt("app.nothing", 7));
        Assert.Equal(5672, s_config.GetInt("app.port", 7));
        Assert.Equal(8L, s_config.GetLong("absent", 8L));
        Assert.True(s_config.GetBoolean("absent", true));
        Assert.Equal(1.5, s_config.GetDouble("absent", 1.5));
        Assert.Equal(TimeSpan.FromSeconds(1), s_config.GetDuration("absent", TimeSpan.FromSeconds(1)));
        Assert.Equal(9L, s_config.GetBytes("absent", 9L));
        Assert.Equal(["d"], s_config.GetStringList("absent", ["d"]));
        Assert.Throws<ConfigException>(() => s_config.GetInt("app.name", 7));
    }

    [Fact]
    public void Has_path_is_false_for_missing_and_null_values()
    {
        Assert.True(s_config.HasPath("app.nested.deep"));
        Assert.False(s_config.HasPath("app.nothing"));
        Assert.False(s_config.HasPath("app.name.deeper"));
        Assert.False(s_config.HasPath("nope"));
    }

    [Fact]
    public void To_json_keeps_file_order_and_json_types()
    {
        var config = ConfigFactory.ParseString("z = 1\na = \"s\"\nm { y = true, x = null }\nl = [1.5, \"é\"]");
        Assert.Equal("""{"z":1,"a":"s","m":{"y":true,"x":null},"l":[1.5,"é"]}""", config.ToJson(indented: false));
        Assert.Contains("\n", config.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_getter_path_is_a_config_exception()
    {
        Assert.Throws<ConfigException>(() => s_config.GetString("app..name"));
        Assert.Throws<ConfigException>(() => s_config.GetString("app name ]"));
    }
}
