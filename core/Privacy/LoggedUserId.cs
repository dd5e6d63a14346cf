using System.Security.Cryptography;
using System.Text;

namespace Tailor.Privacy;

/// <summary>How a user id appears in a log message: never raw, a short SHA-256 digest (<c>uid-</c> and 12 hex
/// digits) that lets one request's lines be matched up, and a known id be looked up, without writing the id down.</summary>
public static class LoggedUserId
{
    public static string Of(string userId) =>
        "uid-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)).AsSpan(0, 6));
}
