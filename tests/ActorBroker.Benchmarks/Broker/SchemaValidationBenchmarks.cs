using System.Text;
using ActorBroker.Broker.Client;
using ActorBroker.Broker.Messages;
using ActorBroker.Broker.Queues;
using BenchmarkDotNet.Attributes;

namespace ActorBroker.Benchmarks.Broker;

/// <summary>
/// What a message contract costs: confirmed publishes of one 120-byte JSON order to a transient queue, plain and
/// with <c>x-schema</c> (an object with four typed, required properties), in windows of 1,000 outstanding confirms.
/// Both queues cap their length (drop-head), so the backlog and its cost stay the same across iterations.
/// Run: <c>dotnet run -c Release --project tests/ActorBroker.Benchmarks -- --filter *SchemaValidation* --job short</c>.
/// </summary>
[BenchmarkCategory("Schema")]
public class SchemaValidationBenchmarks
{
    private const int Messages = 20_000;
    private const int Window = 1000;

    private const string OrderSchema = """
        {
          "type": "object",
          "properties": {
            "id": { "type": "integer", "minimum": 1 },
            "customer": { "type": "string", "minLength": 1 },
            "items": { "type": "array", "items": { "type": "string" } },
            "total": { "type": "number" }
          },
          "required": ["id", "customer", "items", "total"]
        }
        """;

    private readonly byte[] _order = Encoding.UTF8.GetBytes("""{"id": 42, "customer": "ada", "items": ["book", "pen", "lamp"], "total": 31.5, "note": "leave at the door"}""");
    private readonly Task<bool>[] _window = new Task<bool>[Window];
    private MessageBroker _broker = null!;
    private BrokerChannel _publisher = null!;

    // Synchronous on purpose: BenchmarkDotNet's in-process toolchain does not await an async global setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _broker = MessageBroker.Start();
        await _broker.Schemas.RegisterAsync("/", "order", OrderSchema);
        var connection = await _broker.ConnectAsync();
        _publisher = await connection.CreateChannelAsync();
        await _publisher.DeclareQueueAsync("plain", Capped(new Headers()));
        await _publisher.DeclareQueueAsync("checked", Capped(new Headers { [MessageSchemaArgument] = "order" }));
    }

    private const string MessageSchemaArgument = ActorBroker.Broker.Schemas.MessageSchema.Argument;

    private static QueueDeclaration Capped(Headers arguments)
    {
        arguments["x-max-length"] = 10_000;
        return new QueueDeclaration(Durable: false, Arguments: arguments);
    }

    [GlobalCleanup]
    public void Cleanup() => _broker.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public Task ConfirmedPublish() => PublishAsync("plain");

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task ConfirmedPublishWithSchema() => PublishAsync("checked");

    private async Task PublishAsync(string queue)
    {
        for (var sent = 0; sent < Messages; sent += Window)
        {
            for (var i = 0; i < Window; i++)
            {
                _window[i] = _publisher.PublishAsync("", queue, _order);
            }

            foreach (var confirmed in await Task.WhenAll(_window))
            {
                if (!confirmed)
                {
                    throw new InvalidOperationException($"A publish to '{queue}' was refused: the benchmark's order must satisfy its schema.");
                }
            }
        }
    }
}
