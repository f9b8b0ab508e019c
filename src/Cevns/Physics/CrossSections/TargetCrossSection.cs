using Cevns.Physics.FormFactors;
using Cevns.Physics.Nuclei;

namespace Cevns.Physics.CrossSections;

/// <summary>Which process: coherent scattering on the nucleus, or elastic scattering on atomic electrons.</summary>
public enum ScatteringChannel { Cevns, ElectronScattering }

/// <summary>
/// One scatterer of a target unit: an isotope (CEvNS) or an element's electrons (nu-e scattering), with the
/// number of such atoms per target unit. dsigma/dT per unit = sum of AtomsPerUnit * CrossSection.
/// </summary>
public sealed record WeightedCrossSection(string Label, double AtomsPerUnit, IDifferentialCrossSection CrossSection);

/// <summary>
/// Cross sections per target unit (abundance-weighted for an element, per formula unit for a compound).
/// </summary>
public static class TargetCrossSection
{
    /// <summary>
    /// The per-scatterer cross sections of a target with their weights, for one parameter point. CEvNS: one entry
    /// per isotope, proton and neutron form factors of model options.FormFactor with the radii of options.NuclearRadii
    /// (default: the parameters rp.&lt;Element&gt; and rn.&lt;Element&gt;; NuclearRadiusSet). Electron scattering: one entry
    /// per element (weights of its isotopes summed); elements excluded by docs/physics.md (Ar) contribute nothing.
    /// </summary>
    public static IReadOnlyList<WeightedCrossSection> Build(TargetMaterial target, ScatteringChannel channel,
        PhysicsParameters parameters, CrossSectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        return channel switch
        {
            ScatteringChannel.Cevns => BuildCevns(target, parameters, options),
            ScatteringChannel.ElectronScattering => BuildElectronScattering(target, parameters, options),
            _ => throw new ArgumentOutOfRangeException(nameof(channel), $"unknown scattering channel {channel}"),
        };
    }

    private static WeightedCrossSection[] BuildCevns(TargetMaterial target, PhysicsParameters parameters, CrossSectionOptions options)
    {
        var formFactors = new Dictionary<(double, double), (IFormFactor Proton, IFormFactor Neutron)>();
        var result = new WeightedCrossSection[target.Components.Count];
        for (int i = 0; i < result.Length; i++)
        {
            var component = target.Components[i];
            var iso = component.Isotope;
            var radii = NuclearRadiusSet.Radii(options.NuclearRadii, iso, parameters);
            if (!formFactors.TryGetValue(radii, out var ff))
            {
                ff = (FormFactorFactory.Create(options.FormFactor, radii.ProtonFm), FormFactorFactory.Create(options.FormFactor, radii.NeutronFm));
                formFactors[radii] = ff;
            }
            result[i] = new WeightedCrossSection(iso.Name, component.AtomsPerUnit,
                new CevnsCrossSection(iso, parameters, ff.Proton, ff.Neutron, options));
        }
        return result;
    }

    private static WeightedCrossSection[] BuildElectronScattering(TargetMaterial target, PhysicsParameters parameters, CrossSectionOptions options)
    {
        var result = new List<WeightedCrossSection>();
        foreach (var group in target.Components.GroupBy(c => c.Isotope.Element))
        {
            if (EffectiveElectronCount.IsExcluded(group.Key))
                continue;
            result.Add(new WeightedCrossSection(group.Key, group.Sum(c => c.AtomsPerUnit),
                new ElectronScatteringCrossSection(group.Key, parameters, options)));
        }
        return result.ToArray();
    }

    /// <summary>dsigma/dT in cm^2/keV per target unit at neutrino energy E (MeV) and recoil energy T (keV).</summary>
    public static double DifferentialCm2PerKeV(TargetMaterial target, NeutrinoSpecies species, double neutrinoEnergyMeV,
        double recoilKeV, ScatteringChannel channel, PhysicsParameters parameters, CrossSectionOptions options)
    {
        if (!(neutrinoEnergyMeV > 0) || double.IsInfinity(neutrinoEnergyMeV))
            throw new ArgumentOutOfRangeException(nameof(neutrinoEnergyMeV), $"neutrino energy must be > 0 MeV, got {neutrinoEnergyMeV}");
        if (!(recoilKeV > 0) || double.IsInfinity(recoilKeV))
            throw new ArgumentOutOfRangeException(nameof(recoilKeV), $"recoil energy must be > 0 keV, got {recoilKeV}");
        double sum = 0;
        foreach (var part in Build(target, channel, parameters, options))
            sum += part.AtomsPerUnit * part.CrossSection.Cm2PerMeV(species, neutrinoEnergyMeV, recoilKeV * 1e-3);
        return sum * 1e-3;
    }
}
