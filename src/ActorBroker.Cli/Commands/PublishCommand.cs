using System.CommandLine;
using System.Text;
using ActorBroker.Cli.Invocation;
using ActorBroker.Management.Resources;

namespace ActorBroker.Cli.Commands;

/// <summary><c>actorbroker publish</c>: one message through the management API, from an argument, a file or stdin.</summary>
internal static class PublishCommand
{
    // Strict decoding: a body that is not UTF-8 travels as base64 instead of being mangled.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Command Create()
    {
        var options = new ManagementOptions();
        var payload = new Argument<string?>("PAYLOAD") { Description = "The message body as text; without it the body comes from --file or stdin", Arity = ArgumentArity.ZeroOrOne };
        var exchange = new Option<string>("--exchange", "-e") { Description = "The exchange to publish to (default: the default exchange, which routes to the queue named by the routing key)", DefaultValueFactory = _ => "" };
        var routingKey = new Option<string>("--routing-key", "-k") { Description = "The routing key (for the default exchange: the queue's name)", DefaultValueFactory = _ => "" };
        var file = new Option<FileInfo>("--file", "-f") { Description = "Read the body from this file (binary files travel as base64)" };
        var contentType = new Option<string>("--content-type") { Description = "The content_type property, e.g. application/json" };
        var messageId = new Option<string>("--message-id") { Description = "The message_id property" };
        var persistent = new Option<bool>("--persistent") { Description = "delivery_mode 2: kept across a restart in a durable queue" };
        var headers = ArgumentsOption.Create("--header", "A message header");
        var command = new Command("publish", "Publish one message to an exchange; warns on stderr when no queue took it")
        {
            payload, exchange, routingKey, file, contentType, messageId, persistent, headers,
        };
        options.AddTo(command);
        command.SetManagementAction(options, async (parseResult, context, cancellationToken) =>
        {
            var body = await BodyAsync(parseResult.GetValue(payload), parseResult.GetValue(file), cancellationToken).ConfigureAwait(false);
            var (text, encoding) = Encode(body);
            var properties = new MessageProperties(
                ContentType: parseResult.GetValue(contentType),
                Headers: parseResult.GetValue(headers),
                DeliveryMode: parseResult.GetValue(persistent) ? 2 : null,
                MessageId: parseResult.GetValue(messageId));
            var target = parseResult.GetValue(exchange)!;
            var key = parseResult.GetValue(routingKey)!;
            var result = await context.Client.PublishAsync(context.Vhost, target, new PublishRequest(key, text, encoding, properties), cancellationToken).ConfigureAwait(false);
            if (context.Output.IsJson)
                context.Output.WriteJson(result);
            var where = target.Length == 0 ? "the default exchange" : $"exchange '{target}'";
            if (result.Routed)
                context.Output.Say($"Published {body.Length} bytes to {where} with routing key '{key}'.");
            else
                context.Output.Warn($"published to {where} with routing key '{key}', but no queue is bound for it: the message was dropped");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<byte[]> BodyAsync(string? payload, FileInfo? file, CancellationToken cancellationToken)
    {
        if (payload is not null && file is not null)
            throw new CliUsageException("give the body either as PAYLOAD or with --file, not both");
        if (payload is not null)
            return Encoding.UTF8.GetBytes(payload);
        if (file is not null)
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken).ConfigureAwait(false);
        if (!Console.IsInputRedirected)
            throw new CliUsageException("no message body: give PAYLOAD, --file FILE, or pipe it to stdin");
        using var buffer = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static (string Payload, string Encoding) Encode(byte[] body)
    {
        try
        {
            return (s_strictUtf8.GetString(body), "string");
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(body), "base64");
        }
    }
}
