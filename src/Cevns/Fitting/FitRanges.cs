using System.Globalization;
using Cevns.Physics;

namespace Cevns.Fitting;

/// <summary>
/// What a fit needs to know about one parameter (physics or signal): its allowed range (the catalogue's, for
/// --set and for deciding whether an interval ends on a real bound), the default fit range (where the minimiser
/// and the automatic interval scans look), its default value and a step (scale hint for the minimiser).
/// </summary>
public sealed record FitRangeEntry(string Name, double Default, double AllowedLower, double AllowedUpper,
    double FitLower, double FitUpper, double Step, string Unit)
{
    public string FitRangeText => $"[{F(FitLower)}, {F(FitUpper)}]";
    public string AllowedRangeText => $"[{F(AllowedLower)}, {F(AllowedUpper)}]";

    /// <summary>True if <paramref name="value"/> is (within rounding) the lower or upper allowed bound: an interval ending there is a one-sided limit.</summary>
    public bool IsAllowedBound(double value, bool lower)
    {
        double b = lower ? AllowedLower : AllowedUpper;
        return double.IsFinite(b) && Math.Abs(value - b) <= 1e-9 * Math.Max(1.0, Math.Abs(b));
    }

    internal static string F(double x) => double.IsInfinity(x) ? (x > 0 ? "inf" : "-inf") : x.ToString("G6", CultureInfo.InvariantCulture);
}

/// <summary>
/// The default fit ranges. The catalogue's allowed ranges are physical or numerical limits, in places very wide
/// (charge radii +-1e4 x 1e-32 cm^2, millicharges +-1e8 x 1e-12 e); a minimiser working on a bounded parameter
/// maps the whole range onto an internal angle, so the fit range is narrowed to a region that comfortably contains
/// the 3 sigma regions of present CEvNS data while keeping the search efficient. Override with --range name=lo:hi.
/// <code>
/// parameter                          fit range                  step    why
/// sin2_theta_w                       [0, 1] (catalogue)         0.01    whole physical range
/// rn.&lt;El&gt;, rp.&lt;El&gt;                [max(2, R0/2), 2 R0] fm    0.1     Helm needs R > sqrt(3) s = 1.56 fm; R0 = default
/// charge_radius.*                    [-200, 200] 1e-32 cm^2     1       COHERENT bounds are O(10-60)
/// magnetic_moment.*                  [0, 200] 1e-10 mu_B        1       COHERENT bounds are O(10-50)
/// millicharge.*                      [-1e5, 1e5] 1e-12 e        100     COHERENT bounds are O(1e4)
/// nsi.u.*, nsi.d.*                   [-2, 2]                    0.05    allowed bands reach |eps| ~ 1
/// vector/scalar_mediator.mass        [1e-3, 1e4] MeV            1       light to heavy mediators
/// vector/scalar_mediator.coupling    [-1, 1]                    1e-3    g ~ 0.03 matches G_F at 10 GeV
/// norm.e, norm.mu, flux_norm.*, signal_norm   [0, 5]            0.1     allowed [0, 100]
/// </code>
/// A parameter added to the catalogue later without an entry here is fitted over its catalogue range.
/// </summary>
public static class FitRanges
{
    public static bool IsKnown(string name) => SignalParameters.IsSignalParameter(name) || ParameterCatalog.TryGet(name, out _);

    /// <summary>The entry of a physics or signal parameter; unknown names raise a <see cref="FitSetupException"/>.</summary>
    public static FitRangeEntry For(string name)
    {
        if (SignalParameters.IsSignalParameter(name))
            return new FitRangeEntry(name, SignalParameters.Default, SignalParameters.AllowedMin, SignalParameters.AllowedMax, 0.0, 5.0, 0.1, "");
        if (!ParameterCatalog.TryGet(name, out var d))
            throw UnknownParameter(name);
        var (lo, hi, step) = DefaultFitRange(d);
        lo = Math.Max(lo, d.Min);
        hi = Math.Min(hi, d.Max);
        return new FitRangeEntry(d.Name, d.Default, d.Min, d.Max, Math.Min(lo, d.Default), Math.Max(hi, d.Default), step, d.Unit);
    }

    public static FitSetupException UnknownParameter(string name) =>
        new($"unknown parameter '{name}' (physics parameters: see 'cevns parameters'; signal parameters: {string.Join(", ", SignalParameters.Names)})");

    private static (double Lower, double Upper, double Step) DefaultFitRange(ParameterDefinition d)
    {
        string n = d.Name;
        if (n == "sin2_theta_w") return (0.0, 1.0, 0.01);
        if (n.StartsWith("rn.", StringComparison.Ordinal) || n.StartsWith("rp.", StringComparison.Ordinal)) return (Math.Max(2.0, 0.5 * d.Default), 2.0 * d.Default, 0.1);
        if (n.StartsWith("charge_radius.", StringComparison.Ordinal)) return (-200.0, 200.0, 1.0);
        if (n.StartsWith("magnetic_moment.", StringComparison.Ordinal)) return (0.0, 200.0, 1.0);
        if (n.StartsWith("millicharge.", StringComparison.Ordinal)) return (-1e5, 1e5, 100.0);
        if (n.StartsWith("nsi.", StringComparison.Ordinal)) return (-2.0, 2.0, 0.05);
        if (n.EndsWith("_mediator.mass", StringComparison.Ordinal)) return (1e-3, 1e4, 1.0);
        if (n.EndsWith("_mediator.coupling", StringComparison.Ordinal)) return (-1.0, 1.0, 1e-3);
        double range = d.Max - d.Min;
        return (d.Min, d.Max, double.IsFinite(range) ? 0.01 * range : 1.0);
    }
}
