using System.Text;

namespace ActorBroker.Hocon.Parsing;

/// <summary>Reads a config file as strict UTF-8, turning I/O problems into <see cref="ConfigException"/>.</summary>
internal static class SourceText
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Read(string file, ConfigOrigin origin)
    {
        try
        {
            return File.ReadAllText(file, s_strictUtf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new ConfigException($"{file} is not valid UTF-8", origin, inner: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read {file}: {e.Message}", origin, inner: e);
        }
    }
}
