using Tailor.Events;

namespace Tailor.Tests.Events;

public sealed class PrintableTextTests
{
    [Fact]
    public void Control_bytes_and_the_replacement_character_are_escaped()
    {
        Assert.Equal("MZ\\x00\\x1B\\uFFFD\\x0A", PrintableText.Escape("MZ\0\u001b\uFFFD\n"));
    }

    [Fact]
    public void Ordinary_text_and_emoji_are_kept_as_they_are()
    {
        const string text = "user_id é 😀";
        Assert.Same(text, PrintableText.Escape(text));
    }

    [Fact]
    public void Long_text_is_cut_with_an_ellipsis()
    {
        Assert.Equal("abc…", PrintableText.Escape("abcdef", 3));
    }

    [Fact]
    public async Task The_rejection_reason_of_a_binary_file_holds_no_control_characters()
    {
        var path = Path.Combine(Path.GetTempPath(), "tailor-binary-" + Guid.NewGuid().ToString("N") + ".csv");
        await File.WriteAllBytesAsync(path, [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x07, 0x1B, 0x2C, 0x00, 0x0A, 0x01, 0x02, 0x0A]);
        try
        {
            var rejected = await Assert.ThrowsAsync<EventFileRejectedException>(async () =>
            {
                await foreach (var _ in EventFile.ReadValidAsync(path))
                {
                }
            });
            Assert.DoesNotContain(rejected.Reason, char.IsControl);
            Assert.Contains("\\x00", rejected.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
