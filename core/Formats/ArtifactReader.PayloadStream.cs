using Tailor.Streams;

namespace Tailor.Formats;

internal sealed partial class ArtifactReader
{
    /// <summary>The model payload as a stream over the reader's buffer, hashed as it is consumed.</summary>
    private sealed class PayloadStream(ArtifactReader reader) : ForwardOnlyReadStream
    {
        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            if (reader._start == reader._end)
            {
                if (buffer.Length >= BufferSize)
                {
                    return reader.ReadDirect(buffer);
                }

                if (reader.FillSync() == 0)
                {
                    return 0;
                }
            }

            var n = Math.Min(buffer.Length, reader._end - reader._start);
            reader.Take(n).CopyTo(buffer);
            return n;
        }
    }
}
