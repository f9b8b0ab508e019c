"""Python client of the cevns command line: one long-lived `./cevns serve` process per Session.

Standard library only; numpy is used when it is installed (per-bin arrays of predictions, columns of scans).

    import cevns
    with cevns.Session() as s:
        p = s.predict("coherent-csi-2021", **{"nsi.u.ee": 0.1})
        print(p["signal_total"])

Each method sends one JSON request line to `cevns serve` and returns the answer as a dict with the fields of the
matching command's --json output (`cevns predict --json`, `cevns fit --json`, ...). A request the tool rejects raises
CevnsError (the session stays usable). Parameter names contain dots ("nsi.u.ee"), so pass them as **{...}.
"""

import itertools
import json
import os
import subprocess
import tempfile

try:  # optional
    import numpy as _np
except ImportError:  # pragma: no cover - depends on the machine
    _np = None

__all__ = ["Session", "CevnsError", "default_command"]

_REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class CevnsError(RuntimeError):
    """A request the tool answered with an error; .exit_code is the code the command line would have returned."""

    def __init__(self, message, exit_code=None, request=None):
        super().__init__(message)
        self.exit_code = exit_code
        self.request = request


def default_command():
    """The ./cevns wrapper of this repository (it builds the tool when the sources changed)."""
    return [os.path.join(_REPOSITORY, "cevns")]


def _array(values):
    return _np.asarray(values, dtype=float) if _np is not None else list(values)


class Session:
    """A running `cevns serve`. Datasets are loaded on first use and kept for the session.

    command: the program and arguments that start the tool (default: this repository's ./cevns);
    data_dir: the data directory for every request (default: CEVNS_DATA, else data/ in the repository);
    env: extra environment variables for the process.
    """

    def __init__(self, command=None, data_dir=None, env=None):
        args = list(command or default_command()) + ["serve"]
        if data_dir is not None:
            args += ["--data-dir", os.fspath(data_dir)]
        environment = dict(os.environ)
        environment.update(env or {})
        self._ids = itertools.count(1)
        # stderr goes to a file, not a pipe: a long message (e.g. build errors of ./cevns) can never block the tool.
        self._errors = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self._process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors,
            env=environment, text=True, encoding="utf-8", bufsize=1)

    # ---- plumbing ----

    def request(self, cmd, **fields):
        """Sends {"cmd": cmd, **fields} and returns the answer (without its "id"); raises CevnsError on an error answer."""
        if self._process is None:
            raise CevnsError("the session is closed")
        request_id = next(self._ids)
        message = {"id": request_id, "cmd": cmd}
        message.update({k: v for k, v in fields.items() if v is not None})
        try:
            self._process.stdin.write(json.dumps(message) + "\n")
            self._process.stdin.flush()
        except BrokenPipeError:
            raise CevnsError("cevns serve has exited: " + self._stderr()) from None
        line = self._process.stdout.readline()
        if not line:
            raise CevnsError("cevns serve has exited: " + self._stderr())
        answer = json.loads(line)
        if answer.pop("id", None) != request_id:
            raise CevnsError("answer out of order (expected id %d): %s" % (request_id, line.strip()))
        if "error" in answer:
            raise CevnsError(answer["error"], answer.get("exit_code"), message)
        return answer

    def _stderr(self):
        try:
            self._process.stdin.close()
            self._process.wait(timeout=30)
            self._errors.seek(0)
            return self._errors.read().strip() or "(no message)"
        except (OSError, ValueError, subprocess.TimeoutExpired):
            return "(no message)"

    def close(self):
        """Ends the session (closes the tool's input and waits for it)."""
        if self._process is None:
            return
        try:
            self._process.stdin.close()
        except OSError:
            pass
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process.stdout.close()
        self._errors.close()
        self._process = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # ---- commands ----

    def predict(self, experiment, options=None, tie=None, **params):
        """Expected events of a dataset at a physics point (fields of `cevns predict --json`).

        options: dataset options, e.g. {"quenching": "ybe"}; params: physics parameters, e.g. **{"nsi.u.ee": 0.1};
        tie: tied parameters {target: expression}, e.g. {"nsi.d.ee": "nsi.u.ee"} (as --tie).
        With numpy, "arrays" holds per-bin arrays: cevns (per flavour), es, backgrounds (per name), observed, in_analysis.
        """
        return _with_bin_arrays(self.request("predict", experiment=experiment, options=options, params=params or None, tie=tie))

    def predict_points(self, experiment, points, options=None, tie=None, **params):
        """Predictions at many physics points in one request (a list of dicts of parameter values); params are common values."""
        answer = self.request("predict", experiment=experiment, options=options, params=params or None, points=list(points), tie=tie)
        return [_with_bin_arrays(p) for p in answer["predictions"]]

    def fit(self, experiments, free=None, set=None, prior=None, range=None, threads=None, tie=None):
        """Joint fit (fields of `cevns fit --json`). experiments, free: lists or comma-separated strings;
        set: {name: value}; prior: {name: (mean, sigma)}; range: {name: (lo, hi)}; tie: {target: expression}."""
        return self.request("fit", experiments=_names(experiments), free=_names(free), set=set,
                            prior=_pairs(prior), range=_pairs(range), threads=threads, tie=tie)

    def scan(self, experiments, param, free=None, set=None, prior=None, range=None, threads=None, tie=None):
        """Profile scan. param: "name=lo:hi:n", a list of one or two such, or {name: (lo, hi, n)}.
        The answer lists every grid point; with numpy, "columns" holds one array per axis, chi2, delta_chi2."""
        if isinstance(param, dict):
            param = {k: list(v) for k, v in param.items()}
        answer = self.request("scan", experiments=_names(experiments), param=param, free=_names(free), set=set,
                              prior=_pairs(prior), range=_pairs(range), threads=threads, tie=tie)
        names = [a["name"] for a in answer["axes"]] + ["chi2", "delta_chi2"]
        answer["columns"] = {n: _array([_nan(p[n]) for p in answer["points"]]) for n in names}
        return answer

    def likelihood(self, experiments, at=None, gradient=False, free=None, set=None, prior=None, range=None, tie=None):
        """-2 ln L of the joint fit problem (the fit's chi^2 with nuisance pulls and priors) at the full parameter vector
        at = {name: value}; without at, the parameters (name, initial, lower, upper, step, fixed) and the value at the
        start. gradient=True adds d(-2 ln L)/dx (null when the problem has no analytic gradient)."""
        return self.request("likelihood", experiments=_names(experiments), at=at, gradient=gradient or None,
                            free=_names(free), set=set, prior=_pairs(prior), range=_pairs(range), tie=tie)

    def xsec(self, target, flavor, enu, trecoil, channel=None, form_factor=None, **params):
        """dsigma/dT in cm^2/keV (fields of `cevns xsec --json`); enu in MeV, trecoil in keV."""
        return self.request("xsec", target=target, flavor=flavor, enu=enu, trecoil=trecoil, channel=channel,
                            form_factor=form_factor, params=params or None)

    def parameters(self):
        """The physics parameters with defaults, units and allowed ranges (`cevns parameters --json`)."""
        return self.request("parameters")

    def experiments(self):
        """The datasets and their data files (`cevns experiments --json`)."""
        return self.request("experiments")


def _names(value):
    if value is None or isinstance(value, str):
        return value
    return list(value)


def _pairs(mapping):
    return None if mapping is None else {k: list(v) for k, v in mapping.items()}


def _nan(x):
    return float("nan") if x is None else x


def _with_bin_arrays(prediction):
    if _np is None:
        return prediction
    bins = prediction.get("bins", [])
    arrays = {
        "cevns": {f: _array([b["cevns"][f] for b in bins]) for f in (bins[0]["cevns"] if bins else {})},
        "es": {f: _array([b["es"][f] for b in bins]) for f in (bins[0]["es"] if bins else {})},
        "backgrounds": {n: _array([b["backgrounds"][n] for b in bins]) for n in (bins[0]["backgrounds"] if bins else {})},
        "in_analysis": _np.asarray([b["in_analysis"] for b in bins], dtype=bool),
    }
    if bins and "observed" in bins[0]:
        arrays["observed"] = _array([b["observed"] for b in bins])
    prediction["arrays"] = arrays
    return prediction
