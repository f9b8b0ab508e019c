using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Physics.CrossSections;

/// <summary>Model switches of the cross sections (the physics parameters themselves are in PhysicsParameters).</summary>
public sealed record CrossSectionOptions
{
    public FormFactorModel FormFactor { get; init; } = FormFactorModel.Helm;

    /// <summary>
    /// Which radii the form factors use: the element radii rp.&lt;El&gt;, rn.&lt;El&gt; (default) or a nuclear model's
    /// per-isotope radii (<see cref="NuclearRadiusSet"/>: nsm, d1s, d1m of the joint germanium analysis).
    /// </summary>
    public NuclearRadiusModel NuclearRadii { get; init; } = NuclearRadiusModel.Element;

    /// <summary>
    /// Momentum dependence of the SM neutrino charge radius in CEvNS (arXiv:2402.16709; see
    /// <see cref="ChargeRadius.StandardModelCouplingShift"/>). Off by default (static charge radius).
    /// </summary>
    public bool MomentumDependentChargeRadius { get; init; }

    /// <summary>
    /// PHYSICS.md section 4: for antineutrinos the charge radius flips sign relative to the weak charge. Applied to
    /// the parts beyond the SM (diagonal &lt;r^2&gt; minus its SM value, transition radii) and to millicharges; the
    /// SM radiative correction itself stays as for neutrinos (section 2: antineutrinos have the same SM vector
    /// coupling). Set false to treat antineutrinos exactly like neutrinos (the crossing-symmetric effective
    /// operator has the same coefficient for both).
    /// </summary>
    public bool AntineutrinoElectromagneticSignFlip { get; init; } = true;

    /// <summary>
    /// Keep the exact spin-0 kinematic factor 1 - T/E - M T/(2E^2) instead of 1 - M T/(2E^2) (PHYSICS.md section 2);
    /// the T/E term is suppressed by T/E ~ 1e-4 and is off by default.
    /// </summary>
    public bool IncludeRecoilOverEnergyTerm { get; init; }

    /// <summary>
    /// Form-factor argument |q|^2 = 2MT + T^2 (exact three-momentum) instead of 2MT (PHYSICS.md section 2:
    /// "keep T^2 term optional"). Propagators always use the invariant Q^2 = 2MT, which is exact.
    /// </summary>
    public bool IncludeRecoilSquaredInMomentumTransfer { get; init; }

    /// <summary>Charge assignment of the light vector mediator (vector_mediator.* parameters).</summary>
    public VectorMediatorModel VectorMediator { get; init; } = VectorMediatorModel.Universal;

    public static CrossSectionOptions Default { get; } = new();
}
