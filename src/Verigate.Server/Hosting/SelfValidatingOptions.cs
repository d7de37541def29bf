using Microsoft.Extensions.Options;

namespace Verigate.Server.Hosting;

/// <summary>Runs an options class's own <c>Validate()</c> at start-up, so a bad setting stops the service with a clear message.</summary>
internal sealed class SelfValidatingOptions<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = validate(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
