using Verigate.Core.Accounts;
using Verigate.Core.Challenges;
using Verigate.Core.Contacts;

namespace Verigate.Core.SignUp;

/// <summary>The account just created and the challenge that verifies its first contact.</summary>
public sealed record SignUpResult(Account Account, IReadOnlyList<Contact> Contacts, Challenge Challenge);
