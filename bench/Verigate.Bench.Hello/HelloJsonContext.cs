using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verigate.Bench.Hello;

/// <summary>Source-generated JSON, as Verigate uses (VerigateJsonContext), so both sides pay the same serializer cost.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HelloRequest))]
[JsonSerializable(typeof(HelloResponse))]
internal sealed partial class HelloJsonContext : JsonSerializerContext;
