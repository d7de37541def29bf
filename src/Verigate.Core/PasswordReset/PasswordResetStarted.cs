using Verigate.Core.Destinations;

namespace Verigate.Core.PasswordReset;

/// <summary>The answer to a reset request, identical in shape whether or not the login exists.</summary>
public sealed record PasswordResetStarted(string ChallengeId, Channel Channel, string MaskedTo);
