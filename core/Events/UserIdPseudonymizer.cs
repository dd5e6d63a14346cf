using System.Buffers.Text;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tailor.Events;

/// <summary>Pseudonymous user ids (section <c>Tailor:Privacy</c>, shared with the privacy settings): with
/// <see cref="PseudonymizeUserIds"/> on, every user id is replaced by a keyed digest at ingestion and at every API
/// boundary, so storage, models and logs never hold a raw user id.</summary>
public sealed record PseudonymOptions
{
    public const string Section = "Tailor:Privacy";

    /// <summary>Replace user ids by <see cref="UserIdPseudonymizer"/> pseudonyms (default off: ids are stored as given).</summary>
    public bool PseudonymizeUserIds { get; init; }

    /// <summary>The secret key of the pseudonyms: base64 of at least 32 bytes, or at least 32 bytes of UTF-8 text.
    /// Required when <see cref="PseudonymizeUserIds"/> is on; in Azure a Key Vault reference, never a plain setting.</summary>
    [DataType(DataType.Password)]
    public string? Key { get; init; }
}

/// <summary>Fails start-up when pseudonymization is on without a usable key, naming the setting.</summary>
public sealed class PseudonymOptionsValidator : IValidateOptions<PseudonymOptions>
{
    public ValidateOptionsResult Validate(string? name, PseudonymOptions options)
    {
        if (!options.PseudonymizeUserIds)
        {
            return ValidateOptionsResult.Success;
        }

        return UserIdPseudonymizer.KeyBytes(options.Key) is null
            ? ValidateOptionsResult.Fail(
                $"{PseudonymOptions.Section}:Key is required when {PseudonymOptions.Section}:PseudonymizeUserIds is true, and must be " +
                $"base64 of at least {UserIdPseudonymizer.MinKeyBytes} bytes or at least {UserIdPseudonymizer.MinKeyBytes} bytes of UTF-8 text.")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// The one mapping from a caller's user id to the id Tailor stores: when on, <c>p_</c> and the base64url of the
/// first <see cref="DigestBytes"/> bytes of HMAC-SHA256(key, UTF-8 of the id) — 24 characters, valid under
/// <see cref="EntityId"/>, deterministic for one key and different under another. When off, the identity.
/// </summary>
/// <remarks>A pseudonym is not reversible without trying candidate ids with the key; 128 bits make collisions
/// negligible. Applying it twice is not the identity: every boundary applies it exactly once.</remarks>
public sealed class UserIdPseudonymizer
{
    public const int MinKeyBytes = 32;
    public const int DigestBytes = 16;
    public const string Prefix = "p_";

    private const int CacheLimit = 1 << 16;

    private readonly byte[]? _key;
    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    /// <summary>The identity (pseudonymization off).</summary>
    public static UserIdPseudonymizer Off { get; } = new((byte[]?)null);

    private UserIdPseudonymizer(byte[]? key) => _key = key;

    public UserIdPseudonymizer(IOptions<PseudonymOptions> options)
        : this(options.Value.PseudonymizeUserIds
            ? KeyBytes(options.Value.Key) ?? throw new OptionsValidationException(
                PseudonymOptions.Section, typeof(PseudonymOptions), [$"{PseudonymOptions.Section}:Key is missing or shorter than {MinKeyBytes} bytes."])
            : null)
    {
    }

    /// <summary>A pseudonymizer with <paramref name="key"/> (see <see cref="PseudonymOptions.Key"/>).</summary>
    public static UserIdPseudonymizer WithKey(string key) =>
        new(KeyBytes(key) ?? throw new ArgumentException($"The key must be base64 of at least {MinKeyBytes} bytes or at least {MinKeyBytes} bytes of UTF-8 text.", nameof(key)));

    /// <summary>Whether ids are replaced (false: <see cref="Apply"/> is the identity).</summary>
    public bool IsOn => _key is not null;

    /// <summary>The id Tailor stores for the caller's <paramref name="userId"/>.</summary>
    public string Apply(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        if (_key is null)
        {
            return userId;
        }

        if (_cache.TryGetValue(userId, out var known))
        {
            return known;
        }

        var pseudonym = Compute(_key, userId);
        if (_cache.Count < CacheLimit)
        {
            _cache.TryAdd(userId, pseudonym);
        }

        return pseudonym;
    }

    /// <summary>The key's bytes: base64 decoding when that gives at least <see cref="MinKeyBytes"/>, else UTF-8
    /// when that is long enough, else null.</summary>
    internal static byte[]? KeyBytes(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var decoded = new byte[key.Length];
        if (Convert.TryFromBase64String(key, decoded, out var written) && written >= MinKeyBytes)
        {
            return decoded.AsSpan(0, written).ToArray();
        }

        var text = Encoding.UTF8.GetBytes(key);
        return text.Length >= MinKeyBytes ? text : null;
    }

    private static string Compute(byte[] key, string userId)
    {
        var input = Encoding.UTF8.GetBytes(userId);
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, input, digest);
        return Prefix + Base64Url.EncodeToString(digest[..DigestBytes]);
    }
}
