using Verigate.Core.Challenges;
using Verigate.Core.Outbox;

namespace Verigate.Core.Verifications;

/// <summary>A verification with its delivery timeline.</summary>
public sealed record VerificationDetails(Challenge Challenge, IReadOnlyList<DeliveryEvent> Deliveries);
