namespace Tailor.Formats;

internal sealed partial class ArtifactReader
{
    /// <summary>Reads one file of the container format with <paramref name="read"/> and turns what a truncated or
    /// corrupt file makes the reading throw into <see cref="InvalidDataException"/> naming the file kind
    /// (<paramref name="what"/>, e.g. "Model artifact") and the byte it got to.</summary>
    public static async Task<T> ReadAsync<T>(
        Stream source, string what, Func<ArtifactReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArtifactFormat.RequireLittleEndian();
        using var reader = new ArtifactReader(source);
        try
        {
            return await read(reader, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{what} is truncated: it ended after {reader.Consumed} bytes.", e);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException or OutOfMemoryException)
        {
            // Includes DecoderFallbackException (an ArgumentException) from a corrupt id, and whatever a
            // payload's reader throws on garbage before the checksum gets a chance to speak.
            throw new InvalidDataException($"{what} is corrupt near byte {reader.Consumed}: {e.Message}", e);
        }
    }
}
