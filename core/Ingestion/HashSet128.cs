using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Tailor.Ingestion;

/// <summary>A set of 128-bit hashes in one flat table with linear probing (one cache line touched per lookup in the
/// common case), for deduplicating a batch's rows. Zero marks an empty slot, so the hash 0 is stored as 1.</summary>
internal sealed class HashSet128
{
    private UInt128[] _slots;
    private int _mask;
    private int _count;

    public HashSet128(int capacity = 1 << 16)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new UInt128[size];
        _mask = size - 1;
    }

    public int Count => _count;

    /// <summary>Grows now, if needed, so that <paramref name="count"/> hashes fit without growing.</summary>
    public void EnsureCapacity(int count)
    {
        while (count > _slots.Length >> 1)
        {
            Grow();
        }
    }

    /// <summary>Asks the CPU to bring the slot where <paramref name="hash"/> would start its probe into the cache
    /// (a hint, for a caller that knows its next hashes ahead; does nothing where there is no prefetch instruction).</summary>
    public unsafe void Prefetch(UInt128 hash)
    {
        if (Sse.IsSupported)
        {
            fixed (UInt128* slot = &_slots[(int)(ulong)hash & _mask])
            {
                Sse.Prefetch0(slot);
            }
        }
    }

    /// <summary>True when <paramref name="hash"/> was not in the set (it is now).</summary>
    public bool Add(UInt128 hash)
    {
        if (hash == UInt128.Zero)
        {
            hash = UInt128.One;
        }

        if (_count >= _slots.Length >> 1)
        {
            Grow();
        }

        var index = (int)(ulong)hash & _mask;
        while (true)
        {
            ref var slot = ref _slots[index];
            if (slot == UInt128.Zero)
            {
                slot = hash;
                _count++;
                return true;
            }

            if (slot == hash)
            {
                return false;
            }

            index = (index + 1) & _mask;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var old = _slots;
        _slots = new UInt128[old.Length * 2];
        _mask = _slots.Length - 1;
        foreach (var hash in old)
        {
            if (hash != UInt128.Zero)
            {
                var index = (int)(ulong)hash & _mask;
                while (_slots[index] != UInt128.Zero)
                {
                    index = (index + 1) & _mask;
                }

                _slots[index] = hash;
            }
        }
    }
}
