using System.Text.Json.Serialization;

namespace Verigate.Server.Api.TwilioVerify;

/// <summary>Twilio's JSON is snake_case and keeps null members, as its SDKs expect.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TwilioVerification))]
[JsonSerializable(typeof(TwilioVerificationCheck))]
[JsonSerializable(typeof(TwilioError))]
public sealed partial class TwilioJsonContext : JsonSerializerContext;
