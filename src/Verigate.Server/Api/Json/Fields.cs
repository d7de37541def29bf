using Verigate.Core.Results;

namespace Verigate.Server.Api.Json;

/// <summary>Checks of single text fields: present, not too long, no control characters (no CR/LF smuggled into messages or logs).</summary>
public static class Fields
{
    public static Error? Required(string? value, string field, int maxLength) =>
        value is null ? Error.InvalidRequest(field, $"'{field}' is required.") : Optional(value, field, maxLength);

    public static Error? Optional(string? value, string field, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            return Error.InvalidRequest(field, $"'{field}' is longer than {maxLength} characters.");
        }

        return value.Any(char.IsControl) ? Error.InvalidRequest(field, $"'{field}' contains control characters.") : null;
    }

    /// <summary>The first error of several checks, in order.</summary>
    public static Error? First(params Error?[] errors) => Array.Find(errors, e => e is not null);
}
