using ActorBroker.Client;
using Akka.Actor;
using Akka.Configuration;
using AkkaClient;

// An Akka.NET service using a broker node through ActorBroker.Client: a consumer actor takes greetings, a responder
// actor answers requests, and the service asks it one question. Exits 0 once both round trips are done.
if (args.Length != 2 || args[0] != "--contact")
{
    await Console.Error.WriteLineAsync("usage: AkkaClient --contact <akka address of a node, e.g. akka.tcp://actorbroker@127.0.0.1:4053>").ConfigureAwait(false);
    return 2;
}

var timeout = TimeSpan.FromSeconds(60);
var config = ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    akka.actor.provider = remote
    akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
    """);
using var system = ActorSystem.Create("akka-client-sample", config);
try
{
    var client = await BrokerClient.ConnectAsync(system, new BrokerClientSettings([args[1]])).ConfigureAwait(false);
    await using (client.ConfigureAwait(false))
    {
        Console.WriteLine($"connected to {client.Node}");
        await client.DeclareQueueAsync("samples.greetings", new QueueOptions(Durable: false, AutoDelete: true)).ConfigureAwait(false);
        await client.DeclareQueueAsync("samples.doubler", new QueueOptions(Durable: false, AutoDelete: true)).ConfigureAwait(false);

        var greeted = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await client.SubscribeAsync("samples.greetings", Props.Create(() => new GreetingConsumer(greeted))).ConfigureAwait(false);
        await client.SubscribeAsync("samples.doubler", Props.Create(() => new DoublingService(client))).ConfigureAwait(false);

        await client.PublishJsonAsync("", "samples.greetings", new Greeting("hello from Akka.NET")).ConfigureAwait(false);
        Console.WriteLine($"consumer actor got: {await greeted.Task.WaitAsync(timeout).ConfigureAwait(false)}");

        var answer = await client.AskAsync<Answer>("", "samples.doubler", new Question(21), timeout).ConfigureAwait(false);
        Console.WriteLine($"asked 21, the responder answered {answer.Number}");
        return answer.Number == 42 ? 0 : 1;
    }
}
catch (Exception error) when (error is BrokerClientException or TimeoutException)
{
    await Console.Error.WriteLineAsync($"failed: {error.Message}").ConfigureAwait(false);
    return 1;
}
finally
{
    await system.Terminate().ConfigureAwait(false);
}
