using ActorBroker.Amqp.CodeGen;

namespace ActorBroker.Amqp.Tests.Framing;

public class GeneratedCodeTests
{
    // The only test that reads ../shared: it needs the spec the committed code was generated from.
    [Fact]
    public void Committed_generated_code_matches_a_fresh_run_of_the_generator()
    {
        var root = FindRepositoryRoot();
        var json = File.ReadAllText(Path.Combine(root, "..", "shared", "reference", "amqp", "amqp-rabbitmq-0.9.1.json"));
        var committed = Path.Combine(root, "src", "ActorBroker.Amqp", "Framing", "Generated");
        var fresh = Directory.CreateTempSubdirectory("amqp-codegen-");
        try
        {
            var files = AmqpCodeGenerator.Generate(json);
            Assert.Equal(files, AmqpCodeGenerator.Generate(json));
            AmqpCodeGenerator.WriteAll(files, fresh.FullName);

            Assert.Equal(AmqpCodeGenerator.ListGeneratedFiles(fresh.FullName), AmqpCodeGenerator.ListGeneratedFiles(committed));
            foreach (var name in AmqpCodeGenerator.ListGeneratedFiles(fresh.FullName))
            {
                Assert.True(
                    File.ReadAllText(Path.Combine(fresh.FullName, name)) == File.ReadAllText(Path.Combine(committed, name)),
                    $"{name} differs from the generator's output: run `dotnet run --project tools/ActorBroker.Amqp.CodeGen` and commit");
            }
        }
        finally
        {
            fresh.Delete(recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorBroker.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ActorBroker.sln above {AppContext.BaseDirectory}");
    }
}
