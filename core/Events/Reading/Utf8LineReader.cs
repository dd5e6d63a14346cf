using System.Buffers;

namespace Tailor.Events.Reading;

/// <summary>Splits a stream into lines of UTF-8 bytes (LF or CRLF) with one pooled buffer. A line longer
/// than <see cref="MaxLineBytes"/> is reported as too long (its first bytes kept) and skipped to its end.</summary>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    public const int MaxLineBytes = 1 << 20;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line last returned (without its line break), valid until the next read.</summary>
    public ReadOnlyMemory<byte> Line { get; private set; }

    /// <summary>The line last returned was longer than <see cref="MaxLineBytes"/>; <see cref="Line"/> holds its start.</summary>
    public bool LineTooLong { get; private set; }

    public async ValueTask<bool> ReadLineAsync(CancellationToken cancellationToken)
    {
        LineTooLong = false;
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanFrom + newline;
                SetLine(_start, lineEnd);
                _start = lineEnd + 1;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    SetLine(_start, _end);
                    _start = _end;
                    return true;
                }

                return false;
            }

            if (_end - _start >= MaxLineBytes)
            {
                await SkipLongLineAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }

            scanFrom = _end;
            if (_start > 0)
            {
                var length = _end - _start;
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, length);
                scanFrom -= _start;
                _start = 0;
                _end = length;
            }

            if (_end == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, MaxLineBytes + 1));
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
            }

            _end += read;
        }
    }

    private async ValueTask SkipLongLineAsync(CancellationToken cancellationToken)
    {
        // Keep the line's first kilobyte for the quarantine, drop the rest up to the next line break.
        const int Kept = RowRejection.MaxRawChars;
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, Kept);
        var kept = _buffer.AsMemory(0, Kept);
        while (true)
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(Kept), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
                _start = _end = Kept;
                break;
            }

            var newline = _buffer.AsSpan(Kept, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = Kept + newline + 1;
                _end = Kept + read;
                break;
            }
        }

        LineNumber++;
        Line = kept;
        LineTooLong = true;
    }

    private void SetLine(int start, int end)
    {
        if (end > start && _buffer[end - 1] == (byte)'\r')
        {
            end--;
        }

        LineNumber++;
        Line = _buffer.AsMemory(start, end - start);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
