using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Tailor.Cli.Serve;

/// <summary>The keys of one local server and the Functions host's rule for them: Anonymous routes need none,
/// Function-level routes the function key or the admin key, Admin-level routes the admin key; a key is sent in
/// the <c>x-functions-key</c> header or the <c>code</c> query parameter.</summary>
public sealed class FunctionKeys
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public FunctionKeys(IOptions<ServeOptions> options)
    {
        var value = options.Value;
        FunctionKeyGenerated = value.FunctionKey is null;
        AdminKeyGenerated = value.AdminKey is null;
        FunctionKey = value.FunctionKey ?? NewKey();
        AdminKey = value.AdminKey ?? NewKey();
        _functionKey = Encoding.UTF8.GetBytes(FunctionKey);
        _adminKey = Encoding.UTF8.GetBytes(AdminKey);
    }

    /// <summary>The keys' UTF-8 bytes, encoded once (a request encodes only the key it presents).</summary>
    private readonly byte[] _functionKey, _adminKey;

    public string FunctionKey { get; }

    public string AdminKey { get; }

    public bool FunctionKeyGenerated { get; }

    public bool AdminKeyGenerated { get; }

    public bool Allows(AuthorizationLevel level, HttpRequest request)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var presented = request.Headers.TryGetValue(HeaderName, out var header) ? header.ToString()
            : request.Query.TryGetValue(QueryName, out var code) ? code.ToString()
            : null;
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // A key of another length matches neither (FixedTimeEquals answers false for unequal lengths, too).
        var length = Encoding.UTF8.GetByteCount(presented);
        if (length != _adminKey.Length && length != _functionKey.Length)
        {
            return false;
        }

        Span<byte> bytes = length <= MaxStackKeyBytes ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(presented, bytes);
        return CryptographicOperations.FixedTimeEquals(bytes, _adminKey)
            || (level == AuthorizationLevel.Function && CryptographicOperations.FixedTimeEquals(bytes, _functionKey));
    }

    private const int MaxStackKeyBytes = 256;

    /// <summary>32 random bytes, URL-safe Base64 (usable in a <c>code</c> query without escaping).</summary>
    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
