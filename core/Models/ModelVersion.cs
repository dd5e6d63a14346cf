using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tailor.Models;

/// <summary>Model version names: <c>yyyyMMdd-HHmmss-xxxxxx</c> (UTC creation time and a short hash of what
/// identifies the run), so versions sort by time as plain strings and two runs in one second still differ.</summary>
public static partial class ModelVersion
{
    public static string Create(DateTimeOffset createdUtc, string identity)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
        return createdUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash[..3]);
    }

    /// <summary>True for names safe as a blob folder: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>,
    /// 1–64 characters, starting with a letter or digit (never <c>..</c> or a slash).</summary>
    public static bool IsValid(string? version) => version is not null && Pattern().IsMatch(version);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
