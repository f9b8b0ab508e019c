#!/usr/bin/env python3
"""Minimises real cevns likelihoods with iminuit (MIGRAD, then HESSE) and stores the minima as a test fixture.

Each case is a joint fit problem of `cevns fit` (datasets, free parameters): iminuit sees the full parameter vector
(free physics and signal parameters, then every nuisance, in the fit ranges cevns uses) and the function value
-2 ln L from the `likelihood` request of `cevns serve` (python/cevns.py), with its own numerical derivatives, so the
minimum is found independently of the project's minimiser. The fixture
(tests/Cevns.Tests/Reference/iminuit_minima.json) records per case the parameter values, -2 ln L, the EDM, the HESSE
errors, and how it was made; tests/Cevns.Tests/Statistics/IminuitCrossCheckTests.cs compares the project's minimiser
with it (without iminuit, which CI does not have).

Run from the repository root, with a Python that has iminuit (Debian: apt-get install python3-iminuit):
    /usr/bin/python3 tests/crosscheck/iminuit_crosscheck.py [--out PATH] [--data-dir DIR]
"""
import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

REPOSITORY = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPOSITORY, "python"))

import cevns  # noqa: E402
import iminuit  # noqa: E402
import numpy  # noqa: E402

CASES = [
    {"name": "csi-2021 sin2", "experiments": ["coherent-csi-2021"], "free": ["sin2_theta_w"]},
    {"name": "ar-2020 sin2", "experiments": ["coherent-ar-2020"], "free": ["sin2_theta_w"]},
    {"name": "dresden-ii sin2", "experiments": ["dresden-ii-2022"], "free": ["sin2_theta_w"]},
    {"name": "csi-2021 + ar-2020 sin2", "experiments": ["coherent-csi-2021", "coherent-ar-2020"], "free": ["sin2_theta_w"]},
]

# EDM goal of MIGRAD: 0.002 * tol * errordef (iminuit docs, Minuit.tol) = 2e-7, below the project's 1e-6.
TOLERANCE = 1e-4
STRATEGY = 2


def minimise(session, case):
    experiments, free = case["experiments"], case["free"]
    info = session.likelihood(experiments, free=free)
    parameters = [p for p in info["parameters"] if not p["fixed"]]
    names = [p["name"] for p in parameters]
    calls = [0]

    lower = [p["lower"] if p["lower"] is not None else -numpy.inf for p in parameters]
    upper = [p["upper"] if p["upper"] is not None else numpy.inf for p in parameters]

    def chi2(x):
        calls[0] += 1
        # iminuit's transform for limits can land an ulp outside them; cevns accepts only points in the fit ranges.
        x = numpy.clip(x, lower, upper)
        answer = session.likelihood(experiments, free=free, at={n: float(v) for n, v in zip(names, x)})
        value = answer["chi2"]
        return float("inf") if value is None else value

    m = iminuit.Minuit(chi2, [p["initial"] for p in parameters], name=names)
    m.errordef = iminuit.Minuit.LEAST_SQUARES  # -2 ln L: one unit per standard deviation
    m.errors = [p["step"] for p in parameters]
    m.limits = list(zip(lower, upper))
    m.strategy = STRATEGY
    m.tol = TOLERANCE
    m.migrad(ncall=200000)
    m.hesse()
    fmin = m.fmin
    result = {
        "name": case["name"],
        "experiments": experiments,
        "free": free,
        "valid": bool(fmin.is_valid),
        "accurate_covariance": bool(fmin.has_accurate_covar),
        "minus_2_ln_l": float(fmin.fval),
        "edm": float(fmin.edm),
        "function_calls": calls[0],
        "parameters": [{"name": n, "value": float(m.values[n]), "hesse_error": float(m.errors[n]),
                        "at_limit": at_limit(m.values[n], m.limits[n])} for n in names],
    }
    print("%s: valid %s, -2lnL %.10g, edm %.2g, %d calls" % (case["name"], result["valid"], result["minus_2_ln_l"],
                                                            result["edm"], calls[0]), file=sys.stderr)
    return result


def at_limit(value, limits):
    """True within 1e-6 (relative) of a finite limit: there the parameter error is one-sided."""
    return any(numpy.isfinite(b) and abs(value - b) <= 1e-6 * max(1.0, abs(b)) for b in limits)


def git_commit():
    try:
        return subprocess.run(["git", "-C", REPOSITORY, "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(REPOSITORY, "tests", "Cevns.Tests", "Reference", "iminuit_minima.json"))
    parser.add_argument("--data-dir", default=None)
    parser.add_argument("--case", action="append", help="only the named case(s)")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.case or c["name"] in args.case]
    with cevns.Session(data_dir=args.data_dir) as session:
        results = [minimise(session, c) for c in cases]
    fixture = {
        "description": "Minima of cevns likelihoods (-2 ln L from 'cevns serve' request 'likelihood') found by iminuit "
                       "MIGRAD with its own numerical derivatives, errors from HESSE (errordef 1).",
        "generated_by": "tests/crosscheck/iminuit_crosscheck.py",
        "generated_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cevns_commit": git_commit(),
        "iminuit": iminuit.__version__,
        "numpy": numpy.__version__,
        "python": platform.python_version(),
        "migrad": {"strategy": STRATEGY, "tol": TOLERANCE, "errordef": 1,
                   "edm_goal": 0.002 * TOLERANCE},
        "cases": results,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote " + os.path.relpath(args.out, REPOSITORY), file=sys.stderr)


if __name__ == "__main__":
    main()
