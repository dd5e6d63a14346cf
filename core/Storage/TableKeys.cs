using System.Security.Cryptography;
using System.Text;

namespace Tailor.Storage;

/// <summary>Table keys for arbitrary strings (blob names, user ids).</summary>
public static class TableKeys
{
    /// <summary>Escaped, since table keys forbid <c>/ \ # ?</c> and control characters; hashed when the
    /// escaped form is too long for a key.</summary>
    public static string Escape(string value)
    {
        var escaped = Uri.EscapeDataString(value);
        return escaped.Length <= 512
            ? escaped
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
    }
}
