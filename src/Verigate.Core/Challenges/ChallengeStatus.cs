namespace Verigate.Core.Challenges;

/// <summary>Where a challenge stands. Everything but <see cref="Pending"/> is final.</summary>
public enum ChallengeStatus
{
    Pending,
    Approved,
    Canceled,
    Expired,
    MaxAttemptsReached,

    /// <summary>Ended by its recipient through "I didn't request this"; shown to clients as canceled.</summary>
    Reported,
}
