namespace Verigate.Core.Challenges;

/// <summary>The two kinds of owner a challenge can have.</summary>
public enum SubjectKind
{
    Account,
    ApiKey,
}
