namespace Cevns.Analyses.Figures;

/// <summary>
/// Axis labels of parameters as Unicode text, with units (units as in ParameterCatalog: charge radii 10⁻³² cm²,
/// magnetic moments 10⁻¹⁰ μ_B, millicharges 10⁻¹² e, masses MeV, radii fm). Subscripts without a Unicode form are
/// written with an underscore (θ_W). Unknown names (nuisances) are shown literally.
/// </summary>
public static class ParameterLabels
{
    public static string Axis(string name)
    {
        var parts = name.Split('.');
        return parts switch
        {
            ["sin2_theta_w"] => "sin²θ_W",
            ["rn", var el] => $"R_n({el}) [fm]",
            ["charge_radius", var f] => $"⟨r²⟩{Of(f)} [10⁻³² cm²]",
            ["magnetic_moment", var f] => $"μ_ν{Of(f)} [10⁻¹⁰ μ_B]",
            ["millicharge", var f] => $"q_ν{Of(f)} [10⁻¹² e]",
            ["nsi", var q, var f] => $"ε_{Flavours(f)}^({q}V)",
            ["vector_mediator", "mass"] => "M_Z′ [MeV]",
            ["vector_mediator", "coupling"] => "g_Z′",
            ["scalar_mediator", "mass"] => "M_φ [MeV]",
            ["scalar_mediator", "coupling"] => "g_φ",
            ["norm", "e"] => "Data/SM of the ν_e signal",
            ["norm", "mu"] => "Data/SM of the ν_μ signal",
            ["flux_norm", "sns"] => "SNS flux normalisation",
            ["flux_norm", "reactor"] => "reactor flux normalisation",
            ["signal_norm"] => "signal strength (Data/SM)",
            _ => name,
        };
    }

    /// <summary>"(ν_e)" for one flavour, ",eμ" for an element of a flavour matrix ("e_mu").</summary>
    private static string Of(string f) => f is "e" or "mu" or "tau" ? $"(ν_{Flavours(f)})" : $",{Flavours(f)}";

    /// <summary>"ee" -&gt; "ee", "e_mu" -&gt; "eμ", "mu" -&gt; "μ", "mumu" -&gt; "μμ".</summary>
    private static string Flavours(string f) => f switch
    {
        "e" => "e",
        "mu" => "μ",
        "tau" => "τ",
        "ee" => "ee",
        "mumu" => "μμ",
        "tautau" => "ττ",
        _ when f.Contains('_') => string.Concat(f.Split('_').Select(Flavours)),
        _ => f,
    };
}
