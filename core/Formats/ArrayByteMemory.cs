using System.Buffers;
using System.Runtime.InteropServices;

namespace Tailor.Formats;

/// <summary>The bytes of an array of numbers as <see cref="Memory{T}"/>, so an asynchronous stream read can fill
/// the array directly instead of through a buffer and a second copy.</summary>
internal sealed unsafe class ArrayByteMemory<T>(T[] array) : MemoryManager<byte>
    where T : unmanaged
{
    public override Span<byte> GetSpan() => MemoryMarshal.AsBytes(array.AsSpan());

    public override MemoryHandle Pin(int elementIndex = 0)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new MemoryHandle((byte*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
    }

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
