using System.CommandLine;
using System.Net;
using System.Text.Json.Nodes;
using ActorBroker.Cli.Invocation;
using ActorBroker.Cli.Output;
using ActorBroker.Management.Client;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker streams declare|declare-super|delete-super|partitions|groups</c>.</summary>
internal static class StreamsCommand
{
    public static Command Create()
    {
        var options = new ManagementOptions();
        var command = new Command("streams", "Declare and delete streams and super streams; show partitions and consumer groups with their lag")
        {
            Declare(options), DeclareSuper(options), DeleteSuper(options), Partitions(options), Groups(options),
        };
        options.AddTo(command);
        return command;
    }

    private static Argument<string> NameArgument(string what) => new("NAME") { Description = what };

    private static Option<string?> MaxAge() => new("--max-age") { Description = "Retention by age: segments whose newest message is older go (7D, 12h, 30m, 10s; units Y M D h m s)" };

    private static Option<long?> MaxLengthBytes() => new("--max-length-bytes") { Description = "Retention by size: the oldest segments go while the stream holds more" };

    private static Option<long?> SegmentSize() => new("--segment-size") { Description = "Bytes per segment, the unit retention drops (default 500000000)" };

    private static JsonObject Retention(ParseResult parseResult, Option<string?> maxAge, Option<long?> maxLengthBytes, Option<long?> segmentSize)
    {
        var arguments = new JsonObject();
        if (parseResult.GetValue(maxAge) is { } age)
            arguments["x-max-age"] = age;
        if (parseResult.GetValue(maxLengthBytes) is { } bytes)
            arguments["x-max-length-bytes"] = bytes;
        if (parseResult.GetValue(segmentSize) is { } segment)
            arguments["x-stream-max-segment-size-bytes"] = segment;
        return arguments;
    }

    private static Command Declare(ManagementOptions options)
    {
        var (name, maxAge, maxLengthBytes, segmentSize) = (NameArgument("The stream's name"), MaxAge(), MaxLengthBytes(), SegmentSize());
        var command = new Command("declare", "Declare a stream (a durable queue with x-queue-type = stream)") { name, maxAge, maxLengthBytes, segmentSize };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var stream = parseResult.GetValue(name)!;
            var arguments = Retention(parseResult, maxAge, maxLengthBytes, segmentSize);
            arguments["x-queue-type"] = "stream";
            var outcome = await context.Client.DeclareQueueAsync(context.Vhost, stream, new QueueDeclareRequest(Arguments: arguments), cancellationToken).ConfigureAwait(false);
            context.Output.Say(outcome == DeclareOutcome.Created
                ? $"Declared stream '{stream}' in vhost '{context.Vhost}'."
                : $"Stream '{stream}' already exists in vhost '{context.Vhost}' as declared.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeclareSuper(ManagementOptions options)
    {
        var (name, maxAge, maxLengthBytes, segmentSize) = (NameArgument("The super stream's name"), MaxAge(), MaxLengthBytes(), SegmentSize());
        var partitions = new Option<int>("--partitions", "-p") { Description = "How many partition streams (NAME-0 … NAME-(N-1))", Required = true };
        var command = new Command("declare-super", "Declare a super stream: an x-super-stream exchange routing by key hash to N partition streams")
        {
            name, partitions, maxAge, maxLengthBytes, segmentSize,
        };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var superStream = parseResult.GetValue(name)!;
            var arguments = Retention(parseResult, maxAge, maxLengthBytes, segmentSize);
            arguments["x-partitions"] = parseResult.GetValue(partitions);
            var request = new ExchangeDeclareRequest("x-super-stream", Arguments: arguments);
            var outcome = await context.Client.DeclareExchangeAsync(context.Vhost, superStream, request, cancellationToken).ConfigureAwait(false);
            context.Output.Say(outcome == DeclareOutcome.Created
                ? $"Declared super stream '{superStream}' with {parseResult.GetValue(partitions)} partitions in vhost '{context.Vhost}'."
                : $"Super stream '{superStream}' already exists in vhost '{context.Vhost}' as declared.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command DeleteSuper(ManagementOptions options)
    {
        var name = NameArgument("The super stream's name");
        var ifUnused = new Option<bool>("--if-unused") { Description = "Only if no partition has consumers (else exit code 6)" };
        var command = new Command("delete-super", "Delete a super stream with its partition streams and their messages") { name, ifUnused };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var superStream = await context.Client.GetExchangeAsync(context.Vhost, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            if (superStream.Type != "x-super-stream")
            {
                context.Output.Warn($"'{superStream.Name}' is a {superStream.Type} exchange, not a super stream: nothing deleted (exchanges delete deletes it).");
                return ExitCodes.Usage;
            }

            await context.Client.DeleteExchangeAsync(context.Vhost, superStream.Name, parseResult.GetValue(ifUnused), cancellationToken).ConfigureAwait(false);
            context.Output.Say($"Deleted super stream '{superStream.Name}' and its {superStream.Partitions?.Count ?? 0} partitions from vhost '{context.Vhost}'.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Partitions(ManagementOptions options)
    {
        var name = NameArgument("The super stream's name");
        var command = new Command("partitions", "Show each partition of a super stream: its stream, messages and consumer groups") { name };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var superStream = await context.Client.GetExchangeAsync(context.Vhost, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            var streams = await PartitionsOfAsync(context.Client, context.Vhost, superStream, cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(streams);
                return ExitCodes.Success;
            }
            new TableView<(int Partition, QueueResource Stream)>()
                .Column("Partition", p => p.Partition.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Column("Stream", p => p.Stream.Name)
                .Column("Messages", p => p.Stream.Messages.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Column("Consumers", p => p.Stream.Consumers.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Column("Groups", p => string.Join(", ", (p.Stream.ConsumerGroups ?? []).Select(g => $"{g.Group} (lag {g.Lag})")))
                .Write(context.Output.Console, [.. streams.Select((s, i) => (i, s))], $"'{superStream.Name}' is not a super stream: it has no partitions.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Groups(ManagementOptions options)
    {
        var name = NameArgument("A stream, or a super stream (then every partition)");
        var command = new Command("groups", "Show the consumer groups of a stream or super stream: committed offset, lag, members, active member") { name };
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var streams = await StreamsOfAsync(context.Client, context.Vhost, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            var rows = streams.SelectMany(s => (s.ConsumerGroups ?? []).Select(g => (Stream: s.Name, Group: g))).ToList();
            if (context.Output.IsJson)
            {
                context.Output.WriteJson(rows.Select(r => new { stream = r.Stream, group = r.Group.Group, committed_offset = r.Group.CommittedOffset, lag = r.Group.Lag, members = r.Group.Members, active_consumer = r.Group.ActiveConsumer }));
                return ExitCodes.Success;
            }
            new TableView<(string Stream, ConsumerGroupResource Group)>()
                .Column("Stream", r => r.Stream)
                .Column("Group", r => r.Group.Group)
                .Column("Committed offset", r => r.Group.CommittedOffset.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Column("Lag", r => r.Group.Lag.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Column("Members", r => r.Group.Members.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Column("Active", r => r.Group.ActiveConsumer ?? "")
                .Write(context.Output.Console, rows, "No consumer groups.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The stream of that name, or each partition of the super stream of that name.</summary>
    private static async Task<List<QueueResource>> StreamsOfAsync(ManagementClient client, string vhost, string name, CancellationToken cancellationToken)
    {
        try
        {
            return [await client.GetQueueAsync(vhost, name, cancellationToken).ConfigureAwait(false)];
        }
        catch (ManagementApiException notAQueue) when (notAQueue.StatusCode == HttpStatusCode.NotFound)
        {
            var superStream = await client.GetExchangeAsync(vhost, name, cancellationToken).ConfigureAwait(false);
            return await PartitionsOfAsync(client, vhost, superStream, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<QueueResource>> PartitionsOfAsync(ManagementClient client, string vhost, ExchangeResource superStream, CancellationToken cancellationToken)
    {
        var streams = new List<QueueResource>();
        foreach (var partition in superStream.Partitions ?? [])
            streams.Add(await client.GetQueueAsync(vhost, partition, cancellationToken).ConfigureAwait(false));
        return streams;
    }
}
