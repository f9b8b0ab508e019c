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
    /// <see cref="ChargeRadius.StandardModelCouplingShift"/>). Off by default (static charge radius); turned on by
    /// --charge-radius-q-dependent (xsec, predict, fit, scan) and the analysis-file key charge_radius_q_dependent
    /// (docs/physics.md sec. 4).
    /// </summary>
    public bool MomentumDependentChargeRadius { get; init; }

    /// <summary>
    /// Keep the exact spin-0 kinematic factor 1 - T/E - M T/(2E^2) instead of 1 - M T/(2E^2) (docs/physics.md section 2);
    /// the T/E term is suppressed by T/E ~ 1e-4 and is off by default.
    /// </summary>
    public bool IncludeRecoilOverEnergyTerm { get; init; }

    /// <summary>
    /// Form-factor argument |q|^2 = 2MT + T^2 (exact three-momentum) instead of 2MT (docs/physics.md section 2:
    /// "keep T^2 term optional"). Propagators always use the invariant Q^2 = 2MT, which is exact.
    /// </summary>
    public bool IncludeRecoilSquaredInMomentumTransfer { get; init; }

    /// <summary>Charge assignment of the light vector mediator (vector_mediator.* parameters).</summary>
    public VectorMediatorModel VectorMediator { get; init; } = VectorMediatorModel.Universal;

    public static CrossSectionOptions Default { get; } = new();
}
