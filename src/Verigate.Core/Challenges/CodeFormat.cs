using Verigate.Core.Results;

namespace Verigate.Core.Challenges;

/// <summary>
/// The shape a submitted code must have before it may use an attempt: 4-10 ASCII digits. Other digits
/// ("١٢٣٤٥٦", full-width) and anything else are refused as bad input rather than counted as a guess.
/// </summary>
public static class CodeFormat
{
    public static Error? Validate(string? code, string field = "code") =>
        code is { Length: >= CodePolicyOptions.MinimumLength and <= CodePolicyOptions.MaximumLength } && code.All(char.IsAsciiDigit)
            ? null
            : Error.InvalidRequest(field, $"A code is {CodePolicyOptions.MinimumLength} to {CodePolicyOptions.MaximumLength} digits 0-9.");
}
