namespace Verigate.Core.VerifyServices;

/// <summary>
/// A Twilio-style Verify "service": a named group of settings (friendly name shown in messages, code length,
/// locale) that verifications are started under, addressed by its SID ("VA" and 32 hex digits).
/// </summary>
public sealed record VerifyService(string Sid, string Name, string FriendlyName, int CodeLength, string Locale, DateTimeOffset CreatedAt);
