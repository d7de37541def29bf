namespace Verigate.Core.Accounts;

/// <summary>An account: its permanent user id, its changeable public handle and its password hash.</summary>
public sealed record Account(
    long UserId,
    string Username,
    string PasswordHash,
    DateTimeOffset CreatedAt,
    string Locale = "en");
