using System.Text;
using Microsoft.Extensions.Options;
using Tailor.Events;
using Tailor.Ingestion;

namespace Tailor.Tests.Events;

public sealed class UserIdPseudonymizerTests
{
    private const string KeyA = "a-test-key-of-more-than-thirty-two-bytes-A";
    private const string KeyB = "a-test-key-of-more-than-thirty-two-bytes-B";

    [Fact]
    public void Same_key_and_id_give_the_same_pseudonym_in_separate_instances()
    {
        var first = UserIdPseudonymizer.WithKey(KeyA).Apply("user-42");
        var second = UserIdPseudonymizer.WithKey(KeyA).Apply("user-42");

        Assert.Equal(first, second);
        Assert.NotEqual("user-42", first);
    }

    [Fact]
    public void Another_key_or_another_id_gives_another_pseudonym()
    {
        var a = UserIdPseudonymizer.WithKey(KeyA);

        Assert.NotEqual(a.Apply("user-42"), UserIdPseudonymizer.WithKey(KeyB).Apply("user-42"));
        Assert.NotEqual(a.Apply("user-42"), a.Apply("user-43"));
    }

    [Theory]
    [InlineData("u")]
    [InlineData("Ünïcødé user ✓")]
    [InlineData("a long user id, longer than the pseudonym itself, with spaces, punctuation (!?) and digits 0123456789")]
    public void A_pseudonym_is_prefixed_base64url_and_valid_under_the_id_rule(string id)
    {
        var pseudonym = UserIdPseudonymizer.WithKey(KeyA).Apply(id);

        Assert.StartsWith(UserIdPseudonymizer.Prefix, pseudonym, StringComparison.Ordinal);
        Assert.Equal(UserIdPseudonymizer.Prefix.Length + 22, pseudonym.Length);
        Assert.True(EntityId.IsValid(pseudonym));
        Assert.Matches("^p_[A-Za-z0-9_-]{22}$", pseudonym);
        Assert.NotEqual(id, pseudonym);
    }

    [Fact]
    public void A_pseudonym_is_the_truncated_hmac_sha256_of_the_utf8_id()
    {
        var expected = "p_" + Convert.ToBase64String(
            System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeyA), Encoding.UTF8.GetBytes("é"))[..16])
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(expected, UserIdPseudonymizer.WithKey(KeyA).Apply("é"));
    }

    [Fact]
    public void A_base64_key_is_used_decoded()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var fromBase64 = UserIdPseudonymizer.WithKey(Convert.ToBase64String(bytes)).Apply("u1");
        var expected = "p_" + Convert.ToBase64String(
            System.Security.Cryptography.HMACSHA256.HashData(bytes, "u1"u8)[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(expected, fromBase64);
    }

    [Fact]
    public void Off_is_the_identity()
    {
        var off = new UserIdPseudonymizer(Options.Create(new PseudonymOptions { Key = KeyA }));

        Assert.False(off.IsOn);
        Assert.Equal("user-42", off.Apply("user-42"));
        Assert.Equal("user-42", UserIdPseudonymizer.Off.Apply("user-42"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-a-key")]
    [InlineData("AAECAwQFBgcICQoLDA0ODw==")]
    public void Start_up_fails_naming_the_key_setting_when_on_without_a_usable_key(string? key)
    {
        var result = new PseudonymOptionsValidator().Validate(null, new PseudonymOptions { PseudonymizeUserIds = true, Key = key });

        Assert.True(result.Failed);
        Assert.Contains("Tailor:Privacy:Key", result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() =>
            new UserIdPseudonymizer(Options.Create(new PseudonymOptions { PseudonymizeUserIds = true, Key = key })));
    }

    [Fact]
    public void A_usable_key_or_the_option_off_validates()
    {
        var validator = new PseudonymOptionsValidator();

        Assert.True(validator.Validate(null, new PseudonymOptions { PseudonymizeUserIds = true, Key = KeyA }).Succeeded);
        Assert.True(validator.Validate(null, new PseudonymOptions { PseudonymizeUserIds = false, Key = null }).Succeeded);
    }

    [Fact]
    public async Task Parsing_with_pseudonyms_stores_pseudonyms_and_keeps_no_raw_row_in_quarantine()
    {
        var users = UserIdPseudonymizer.WithKey(KeyA);
        var csv = "user,item,type,ts\n raw-user-7 ,i1,view,1717200000\nraw-user-7,i2,share,1717200000\n";
        var content = Encoding.UTF8.GetBytes(csv);
        await using var parsed = await EventBatchParser.ParseAsync(new MemoryStream(content), EventFileFormat.FromName("e.csv"),
            new EventOptions { MaxBadRowShare = 1 }, EventTestFiles.Now, users, keepRawRows: false, default);

        Assert.Equal(1, parsed.Accepted);
        Assert.Equal(1, parsed.Quarantined);
        var processed = await ReadAllAsync(parsed.Processed);
        var quarantine = await ReadAllAsync(parsed.Quarantine);
        Assert.Equal(-1, processed.AsSpan().IndexOf("raw-user-7"u8));
        Assert.NotEqual(-1, processed.AsSpan().IndexOf(Encoding.UTF8.GetBytes(users.Apply("raw-user-7"))));
        Assert.Equal(-1, quarantine.AsSpan().IndexOf("raw-user-7"u8));
        Assert.Contains("share", Encoding.UTF8.GetString(quarantine), StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadAllAsync(FileStream stream)
    {
        stream.Position = 0;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
