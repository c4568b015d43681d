using System.Text;
using ActorBroker.Amqp.Connections;

namespace ActorBroker.Amqp.Tests.Connections;

public class SaslCredentialsTests
{
    [Theory]
    [InlineData("\0guest\0secret", "guest", "secret")]
    [InlineData("admin\0guest\0secret", "guest", "secret")]      // an authorization id is allowed and ignored
    [InlineData("\0guest\0pa\0ss", "guest", "pa\0ss")]           // everything after the second NUL is the password
    [InlineData("\0\0", "", "")]
    public void Plain_response_yields_user_and_password(string response, string user, string password)
    {
        Assert.True(SaslCredentials.TryParse("PLAIN", Encoding.UTF8.GetBytes(response), out var credentials, out _));

        Assert.Equal(new SaslCredentials(user, password), credentials);
    }

    [Theory]
    [InlineData("guest")]
    [InlineData("\0guest")]
    public void Plain_response_without_two_separators_is_refused_with_a_reason(string response)
    {
        Assert.False(SaslCredentials.TryParse("PLAIN", Encoding.UTF8.GetBytes(response), out _, out var error));

        Assert.Contains("PLAIN response", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Amqplain_response_that_is_not_a_table_is_refused_with_a_reason()
    {
        Assert.False(SaslCredentials.TryParse("AMQPLAIN", [5, 76, 79], out _, out var error));

        Assert.StartsWith("AMQPLAIN response is not a field table", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_mechanism_is_named_in_the_reason()
    {
        Assert.False(SaslCredentials.TryParse("SCRAM-SHA-256", [], out _, out var error));

        Assert.Equal("unknown authentication mechanism 'SCRAM-SHA-256'", error);
    }
}
