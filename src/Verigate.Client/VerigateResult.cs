using System.Diagnostics.CodeAnalysis;

namespace Verigate.Client;

/// <summary>Either the answer or the problem Verigate gave instead; expected failures are values, not exceptions.</summary>
/// <typeparam name="T">The answer's type.</typeparam>
public sealed class VerigateResult<T>
    where T : class
{
    private VerigateResult(T? value, VerigateProblem? problem)
    {
        Value = value;
        Problem = problem;
    }

    /// <summary>The answer, when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The problem, when not <see cref="IsSuccess"/>.</summary>
    public VerigateProblem? Problem { get; }

    /// <summary>True when Verigate answered with a success status.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsSuccess => Problem is null;

    /// <summary>A successful answer.</summary>
    /// <param name="value">The answer.</param>
    public static VerigateResult<T> Success(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    /// <param name="problem">Why.</param>
    public static VerigateResult<T> Failure(VerigateProblem problem) => new(null, problem);
}
