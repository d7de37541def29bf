namespace Verigate.Server.Api.DeliveryReceipts;

/// <summary>The JSON body of a generic gateway's status callback.</summary>
public sealed record HttpStatusReport(string? Status, string? Reason, string? Id);
