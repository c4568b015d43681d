using System.Buffers.Binary;
using System.Text;
using ActorBroker.Amqp.Framing;

namespace ActorBroker.Amqp.Connections;

/// <summary>User name and password from a connection.start-ok response, for the PLAIN and AMQPLAIN mechanisms.</summary>
public readonly record struct SaslCredentials(string UserName, string Password)
{
    public const string Plain = "PLAIN";
    public const string AmqPlain = "AMQPLAIN";

    /// <summary>RFC 4422's EXTERNAL: the client is who its TLS certificate says; the response carries nothing the server needs.</summary>
    public const string External = "EXTERNAL";

    /// <summary>The mechanisms offered in connection.start, space separated as the spec asks.</summary>
    public const string Offered = Plain + " " + AmqPlain;

    /// <summary>Parses a response; false (with a reason) when it is malformed or the mechanism is not offered.</summary>
    public static bool TryParse(string mechanism, ReadOnlySpan<byte> response, out SaslCredentials credentials, out string error)
    {
        credentials = default;
        error = "";
        switch (mechanism)
        {
            case Plain:
                return TryParsePlain(response, out credentials, out error);
            case AmqPlain:
                return TryParseAmqPlain(response, out credentials, out error);
            default:
                error = $"unknown authentication mechanism '{mechanism}'";
                return false;
        }
    }

    // RFC 4616: [authzid] NUL authcid NUL passwd.
    private static bool TryParsePlain(ReadOnlySpan<byte> response, out SaslCredentials credentials, out string error)
    {
        credentials = default;
        error = "";
        var first = response.IndexOf((byte)0);
        var second = first < 0 ? -1 : response[(first + 1)..].IndexOf((byte)0);
        if (second < 0)
        {
            error = "PLAIN response is not [authzid] NUL user NUL password";
            return false;
        }

        var rest = response[(first + 1)..];
        credentials = new SaslCredentials(Encoding.UTF8.GetString(rest[..second]), Encoding.UTF8.GetString(rest[(second + 1)..]));
        return true;
    }

    // A field table without its length prefix, holding LOGIN and PASSWORD.
    private static bool TryParseAmqPlain(ReadOnlySpan<byte> response, out SaslCredentials credentials, out string error)
    {
        credentials = default;
        error = "AMQPLAIN response needs LOGIN and PASSWORD long strings";
        var table = new byte[4 + response.Length];
        BinaryPrimitives.WriteUInt32BigEndian(table, (uint)response.Length);
        response.CopyTo(table.AsSpan(4));
        FieldTable? fields;
        try
        {
            fields = new AmqpReader(table).ReadTable();
        }
        catch (AmqpProtocolException e)
        {
            error = "AMQPLAIN response is not a field table: " + e.Message;
            return false;
        }

        if (fields is null
            || !fields.TryGetValue("LOGIN", out var login) || login.Kind != FieldValueKind.LongString
            || !fields.TryGetValue("PASSWORD", out var password) || password.Kind != FieldValueKind.LongString)
        {
            return false;
        }

        credentials = new SaslCredentials(login.AsString(), password.AsString());
        error = "";
        return true;
    }
}
