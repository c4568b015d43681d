using ActorBroker.Amqp.CodeGen;

namespace ActorBroker.Amqp.Tests.CodeGen;

public class GeneratorTests
{
    [Fact]
    public void A_ninth_consecutive_bit_starts_a_new_octet()
    {
        var bits = string.Join(", ", Enumerable.Range(1, 9).Select(i => $$"""{"type": "bit", "name": "flag-{{i}}"}"""));

        var file = Generate($$"""{"id": 10, "name": "flags", "arguments": [{{bits}}]}""").Single(f => f.Name == "Test/TestFlags.g.cs");

        Assert.Contains("public int GetSize() => 2;", file.Content, StringComparison.Ordinal);
        Assert.Contains("var bits1 = reader.ReadOctet();", file.Content, StringComparison.Ordinal);
        Assert.Contains("Flag9 = (bits1 & 1) != 0,", file.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_with_an_unknown_domain_is_reported_by_name()
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            Generate("""{"id": 10, "name": "odd", "arguments": [{"domain": "no-such-domain", "name": "field"}]}"""));

        Assert.Equal("field 'field' uses unknown domain 'no-such-domain'", error.Message);
    }

    private static IReadOnlyList<GeneratedFile> Generate(string method) => AmqpCodeGenerator.Generate($$"""
        {
          "name": "AMQP", "major-version": 0, "minor-version": 9, "revision": 1, "port": 5672,
          "domains": [["bit", "bit"]],
          "constants": [{"name": "FRAME-METHOD", "value": 1}, {"name": "FRAME-END", "value": 206}],
          "classes": [{"id": 1, "name": "test", "methods": [{{method}}]}]
        }
        """);
}
