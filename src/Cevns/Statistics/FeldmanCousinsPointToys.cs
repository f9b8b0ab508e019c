namespace Cevns.Statistics;

/// <summary>
/// The toys of one grid point of a Feldman-Cousins belt: the sorted Delta chi^2 of the converged toys and the number of
/// toys whose fits did not converge. They depend only on the master seed, the point's index in the grid and the truth
/// there (<see cref="ToySeeds"/>), so points can be computed in separate processes and assembled into the same belt
/// (<see cref="FeldmanCousinsBelt.FromPoints"/>).
/// </summary>
public sealed record FeldmanCousinsPointToys(int Point, IReadOnlyList<double> SortedDeltaChi2, int NonConverged);
