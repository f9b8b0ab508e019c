using System.Globalization;

namespace Cevns.Fitting;

/// <summary>
/// An external Gaussian constraint ((x - Mean)/Sigma)^2 on a fit parameter (a free physics or signal parameter or
/// a nuisance), e.g. a low-energy measurement of sin^2 theta_W (docs/physics.md section 9). Written name=mean:sigma.
/// </summary>
public sealed record GaussianPrior(string Name, double Mean, double Sigma)
{
    public static GaussianPrior Parse(string text)
    {
        var (name, rest) = FitText.SplitAssignment(text, "prior", "name=mean:sigma");
        var parts = rest.Split(':');
        if (parts.Length != 2)
            throw new FitSetupException($"prior '{text}': expected name=mean:sigma, e.g. sin2_theta_w=0.2387:0.0016");
        double mean = FitText.Number(parts[0], $"prior '{text}': mean");
        double sigma = FitText.Number(parts[1], $"prior '{text}': sigma");
        if (!(sigma > 0))
            throw new FitSetupException($"prior '{text}': sigma must be > 0, got {parts[1].Trim()}");
        return new GaussianPrior(name, mean, sigma);
    }

    public override string ToString() =>
        $"{Name}={Mean.ToString("R", CultureInfo.InvariantCulture)}:{Sigma.ToString("R", CultureInfo.InvariantCulture)}";
}

/// <summary>A fit range replacing the default of <see cref="FitRanges"/> for one free parameter; written name=lo:hi.</summary>
public sealed record RangeOverride(string Name, double Lower, double Upper)
{
    public static RangeOverride Parse(string text)
    {
        var (name, rest) = FitText.SplitAssignment(text, "range", "name=lo:hi");
        var parts = rest.Split(':');
        if (parts.Length != 2)
            throw new FitSetupException($"range '{text}': expected name=lo:hi, e.g. rn.Cs=4:7");
        double lo = FitText.Number(parts[0], $"range '{text}': lower end");
        double hi = FitText.Number(parts[1], $"range '{text}': upper end");
        if (!(lo < hi))
            throw new FitSetupException($"range '{text}': lower end must be below the upper end");
        return new RangeOverride(name, lo, hi);
    }
}

/// <summary>A physics or signal parameter held fixed at a value (--set name=value).</summary>
public sealed record FixedValue(string Name, double Value)
{
    public static FixedValue Parse(string text)
    {
        var (name, rest) = FitText.SplitAssignment(text, "set", "name=value");
        return new FixedValue(name, FitText.Number(rest, $"set '{text}': value"));
    }
}

/// <summary>Parsing shared by the name=... forms.</summary>
internal static class FitText
{
    public static (string Name, string Value) SplitAssignment(string text, string what, string form)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new FitSetupException($"{what} '{text}': expected {form}");
        return (text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    public static double Number(string text, string what)
    {
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return v;
        throw new FitSetupException($"{what} '{text.Trim()}' is not a finite number");
    }

    public static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
