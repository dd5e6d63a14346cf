namespace Tailor.Formats;

internal sealed partial class ArtifactWriter
{
    private sealed class PayloadStream(ArtifactWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (!buffer.IsEmpty)
            {
                if (writer._used == writer._buffer.Length)
                {
                    writer.Flush();
                }

                var n = Math.Min(buffer.Length, writer._buffer.Length - writer._used);
                writer.Append(buffer[..n]);
                buffer = buffer[n..];
            }
        }

        public override void Flush()
        {
            // The artifact writer flushes its buffer itself; nothing is lost by waiting.
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
