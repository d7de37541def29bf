using Verigate.Core.Contacts;
using Verigate.Core.Devices;
using Verigate.Core.TwoFactor;

namespace Verigate.Core.Accounts;

/// <summary>What a signed-in person sees of their own account.</summary>
public sealed record Profile(Account Account, IReadOnlyList<Contact> Contacts, IReadOnlyList<Device> Devices, long CurrentDeviceId, TwoFactorStatus TwoFactor);
