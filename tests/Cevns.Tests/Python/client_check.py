"""Drives python/cevns.py against a running tool; run by PythonClientTests (Debian python3, standard library only).

    python3 client_check.py REPOSITORY DATA_DIR EXPECTED_SIGNAL_TOTAL PROGRAM [ARGS...]

PROGRAM ARGS start the tool (e.g. dotnet Cevns.Cli.dll). EXPECTED_SIGNAL_TOTAL is the CLI's
`predict --experiment coherent-csi-2021 --set nsi.u.ee=0.1 --json` signal_total (repr of the double).
Prints "ok" and exits 0 when every check holds; otherwise an AssertionError names the failed check.
"""
import math
import sys

repository, data_dir, expected, command = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
sys.path.insert(0, repository + "/python")
import cevns  # noqa: E402

with cevns.Session(command=command, data_dir=data_dir) as s:
    p = s.predict("coherent-csi-2021", **{"nsi.u.ee": 0.1})
    assert p["signal_total"] == expected, ("predict differs from the CLI", p["signal_total"], expected)
    assert p["parameters"] == {"nsi.u.ee": 0.1}, p["parameters"]

    # A rejected request raises CevnsError and the session goes on.
    try:
        s.predict("coherent-csi-2021", **{"nsi.u.ee": 1e9})
        raise AssertionError("an out-of-range parameter was accepted")
    except cevns.CevnsError as e:
        assert e.exit_code == 2 and "outside its allowed range" in str(e), (e.exit_code, str(e))
    try:
        s.request("no-such-command")
        raise AssertionError("an unknown command was accepted")
    except cevns.CevnsError as e:
        assert "unknown cmd" in str(e), str(e)

    # Many points in one request equal the single requests.
    values = [-0.5, 0.1, 0.5]
    many = s.predict_points("coherent-csi-2021", [{"nsi.u.ee": v} for v in values])
    assert many[1]["signal_total"] == expected, many[1]["signal_total"]
    singles = [s.predict("coherent-csi-2021", **{"nsi.u.ee": v})["signal_total"] for v in values]
    assert [m["signal_total"] for m in many] == singles, (many, singles)

    # A tie passes through: nsi.d.ee derived from nsi.u.ee equals setting both by hand.
    tied = s.predict("coherent-csi-2021", tie={"nsi.d.ee": "nsi.u.ee"}, **{"nsi.u.ee": 0.1})
    both = s.predict("coherent-csi-2021", **{"nsi.u.ee": 0.1, "nsi.d.ee": 0.1})
    assert tied["signal_total"] == both["signal_total"] and tied["parameters"]["nsi.d.ee"] == 0.1, (tied, both)

    x = s.xsec("Ge", "nuebar", 10, 1)
    assert x["unit"] == "cm^2/keV" and x["dsigma_dT"] > 0, x
    names = [d["name"] for d in s.parameters()["parameters"]]
    assert "nsi.u.ee" in names and "sin2_theta_w" in names, names

    f = s.fit("texono-2024", free="sin2_theta_w", threads=1)
    assert f["converged"] and math.isfinite(f["chi2_min"]), f
    scan = s.scan("texono-2024", {"sin2_theta_w": (0.2, 0.3, 3)}, threads=1)
    assert len(scan["points"]) == 3 and len(scan["columns"]["delta_chi2"]) == 3, scan

assert s._process is None
print("ok")
