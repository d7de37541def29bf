namespace Verigate.Core.Staff;

/// <summary>What the setup page shows: whose account it sets up and the authenticator key to enrol.</summary>
public sealed record StaffSetupView(string Name, TwoFactor.TotpEnrolment Enrolment);
