namespace Verigate.Core.Challenges;

/// <summary>
/// An attempt <see cref="IChallengeStore.TryUseAttemptAsync"/> used: the attempts used after it, and whether the
/// failure counter it was checked against had counted anything (a right code must then clear it).
/// </summary>
public readonly record struct UsedAttempt(int AttemptsUsed, bool FailuresCounted);
