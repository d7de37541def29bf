using System.Text.Json;
using System.Text.Json.Serialization;
using Verigate.Client.Attempts;
using Verigate.Client.Verifications;

namespace Verigate.Client;

/// <summary>Compile-time JSON for every shape the client sends or reads (trimming- and AOT-safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StartVerification))]
[JsonSerializable(typeof(Verification))]
[JsonSerializable(typeof(VerificationDetails))]
[JsonSerializable(typeof(VerificationStatus))]
[JsonSerializable(typeof(VerificationResent))]
[JsonSerializable(typeof(AttemptsSummary))]
[JsonSerializable(typeof(AttemptPage))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
