using System.Text.Json.Serialization;

namespace Tailor.Privacy;

/// <summary>Source-generated JSON for what privacy stores (the removed counts on a tombstone).</summary>
[JsonSerializable(typeof(Dictionary<string, long>))]
internal sealed partial class PrivacyJsonContext : JsonSerializerContext;
