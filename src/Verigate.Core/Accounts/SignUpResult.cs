using Verigate.Core.Challenges;

namespace Verigate.Core.Accounts;

/// <summary>The account just created and the challenge that verifies its first contact.</summary>
public sealed record SignUpResult(Account Account, IReadOnlyList<Contact> Contacts, Challenge Challenge);
