using System.CommandLine;

namespace ActorBroker.Cli.Invocation;

/// <summary>Validation rules for options, so a bad value is a usage error that names the option and the range.</summary>
internal static class OptionRules
{
    public static Option<int> MustBeBetween(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
                result.AddError($"{option.Name} must be between {min} and {max}, got {value}");
        });
        return option;
    }

    public static Option<int?> MustBePositive(this Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0 and var value)
                result.AddError($"{option.Name} must be 1 or more, got {value}");
        });
        return option;
    }
}
