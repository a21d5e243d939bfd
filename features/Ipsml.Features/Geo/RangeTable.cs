using System.Numerics;

namespace Ipsml.Features.Geo;

/// <summary>
/// Sorted, non-overlapping inclusive address ranges, each with a value index; lookups are a binary search over the starts.
/// Built by <see cref="RangeTableBuilder{T}"/>.
/// </summary>
internal sealed class RangeTable<T>(T[] starts, T[] ends, int[] values)
    where T : unmanaged, IBinaryInteger<T>
{
    public int Count => starts.Length;

    public T Start(int index) => starts[index];

    public T End(int index) => ends[index];

    public int Value(int index) => values[index];

    /// <summary>The value index of the range holding <paramref name="address"/>, or -1.</summary>
    public int Find(T address)
    {
        var lo = 0;
        var hi = starts.Length - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (starts[mid] <= address)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && address <= ends[found] ? values[found] : -1;
    }
}
