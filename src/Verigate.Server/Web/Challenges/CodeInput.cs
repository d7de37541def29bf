using Verigate.Core.Challenges;
using Verigate.Core.Results;

namespace Verigate.Server.Web.Challenges;

/// <summary>
/// A code as a person types or pastes it: "123 456", "123-456" and "123.456" are the code 123456. Only separators are
/// dropped; anything else is left for the format check to refuse.
/// </summary>
public static class CodeInput
{
    public const int MaxTyped = 24;

    public static Result<string> Normalize(string? typed)
    {
        if (typed is null || typed.Length > MaxTyped)
        {
            return Error.InvalidRequest("code", "Enter the code from the message.");
        }

        var code = new string([.. typed.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('-' or '.' or '\u2010' or '\u2011' or '\u2013'))]);
        return CodeFormat.Validate(code) is { } bad ? bad : code;
    }
}
