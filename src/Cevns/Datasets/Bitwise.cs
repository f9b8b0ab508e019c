using System.Runtime.InteropServices;

namespace Cevns.Datasets;

/// <summary>
/// Bit-for-bit equality of numbers, the test of the caches that return a stored result only when their inputs are exactly
/// those of the stored one (so that the result is the one a new evaluation would give): unlike ==, it tells -0 from +0
/// and lets a NaN match the same NaN.
/// </summary>
internal static class Bitwise
{
    public static bool Equal(ReadOnlySpan<double> a, ReadOnlySpan<double> b) =>
        MemoryMarshal.Cast<double, long>(a).SequenceEqual(MemoryMarshal.Cast<double, long>(b));
}
