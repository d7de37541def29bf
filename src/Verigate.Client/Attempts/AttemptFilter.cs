namespace Verigate.Client.Attempts;

/// <summary>Which verifications the attempts API counts or lists; every part is optional.</summary>
/// <param name="From">Started at or after.</param>
/// <param name="To">Started before.</param>
/// <param name="Channel">sms or email.</param>
/// <param name="Country">ISO 3166-1 alpha-2, such as DE.</param>
/// <param name="Prefix">The start of an E.164 number, such as +4915.</param>
public sealed record AttemptFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Channel = null, string? Country = null, string? Prefix = null);
