#!/usr/bin/env python3
"""Writes the data registry (src/Cevns/Data/Registry/data-registry.yaml) from the data directory.

Every file under the data directory is listed with its relative path, size, SHA-256 and public origin.
Sizes and checksums are computed here from the files; the origins come from the ORIGINS table below,
which restates the provenance written in each folder's SOURCE.md (repository, commit, path). Rerun
this script whenever data/ changes; it refuses to write a registry in which a file has no origin rule
or a rule matches no file.

    python3 tools/data_registry.py [DATA_DIR]           # write the registry
    python3 tools/data_registry.py --check [DATA_DIR]   # exit 1 if the registry is not up to date

DATA_DIR defaults to $CEVNS_DATA, else data/ in the repository (the copy shipped with the code).
Standard library only.
"""

import hashlib
import os
import re
import sys
import urllib.parse

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGISTRY = os.path.join(REPO_ROOT, "src", "Cevns", "Data", "Registry", "data-registry.yaml")

# GitHub repositories and commits named in the SOURCE.md files (full 40-digit commits only, so the
# raw URL always serves the bytes that were copied).
PYCEVNS_NSI = ("athompson-tamu/pyCEvNS", "e895d2f03d7d4741567bc0f745ba44d034dfd85e")
NEWTRINOS = ("philippeller/Newtrinos.jl", "653141ba6e05dd920fd0a795eb82e3de626076ce")
GE_PAPER = ("emmaeline/Ge_paper_signalExpectation", "d5d9d3b6ac387d4546bbff4c747c1944f1d7686d")
MUDIRAC = ("muon-spectroscopy-computational-project/mudirac", "749d671eba3f236ddfffa4820f0d744eadfdc052")
LARIZGOITIA_HEAD = ("LeireLarizgoitia/Reactor_CEnuNS", "2242059ec1784d3f70d89add2f3bd7d63ef20239")
LARIZGOITIA_ROOT = ("LeireLarizgoitia/Reactor_CEnuNS", "a887c7c96757f30ebe8b065c4deef35d59c9ece7")
NURECOIL = ("Meridex/NuRecoil", "25dddeaa4145bdfd9268b7e19f7c6128eac3e0d3")
NURECOIL_U235 = ("Meridex/NuRecoil", "29dd0d3146ea3f74e8dbf5eff2ab2eb46fecccd0")
RICOCHET = ("joejohnston203/ricochet_cevns_spectra", "4beff6561660f005fe295b66463fa12f6d34a437")
RITTERCAT = ("RitterCat/reactor-nu-cevns", "fd6574943272fb257034a6891cf27e8eb48e0461")
WIMPRATES = ("JelleAalbers/wimprates", "321d99996c45642d7916194c23ae35ded0ac4ed9")
BARBEAU_ROOT_FILE = ("BarbeauGroup/chi2_pull_test", "ac17374d81de16b8c8ce6624c560b7b6c9faf68a", "data/nuEnergyAndTime.root")

HAND_WRITTEN = "hand-written, see SOURCE.md; no public URL (shipped in data/ only)"


def github(repo_commit, upstream_dir):
    """Rule target: the file has the same name under upstream_dir ('{rel}' = path below the rule's folder)."""
    return ("github", repo_commit, upstream_dir)


def text(origin):
    """Rule target: not fetchable from a public URL; origin is a description. Such files exist only in the
    repository's data/ (and in mirrors of it), so 'cevns data fetch' cannot restore them from upstream."""
    return ("text", origin)


def raw_url(repo, commit, path):
    return f"https://raw.githubusercontent.com/{repo}/{commit}/" + urllib.parse.quote(path, safe="/+")


# (regular expression on the path relative to the data directory, target). The first match wins; every
# file must match one rule and every rule must match at least one file. Named groups: 'rel' (path below
# the rule's folder).
ORIGINS = [
    (r"(?:.*/)?SOURCE\.md", text("provenance notes written for this repository's data/; no public URL")),
    # coherent/cenns10-2020/SOURCE.md: pyCEvNS branch nsi, cenns10/Data/
    (r"coherent/cenns10-2020/(?P<rel>.+)", github(PYCEVNS_NSI, "cenns10/Data/{rel}")),
    # coherent/csi-2017/SOURCE.md: pyCEvNS branch nsi, pyCEvNS/data/
    (r"coherent/csi-2017/(?P<rel>[^/]+)", github(PYCEVNS_NSI, "pyCEvNS/data/{rel}")),
    # coherent/csi-2021/SOURCE.md: Newtrinos.jl (the official copy is the arXiv:2110.07730v2 ancillary material,
    # not reachable from here, so its bytes are not known to match)
    (r"coherent/csi-2021/(?P<rel>[^/]+)", github(NEWTRINOS, "src/experiments/coherent/coherent_2020/csi/{rel}")),
    # coherent/ge-mini-2024/SOURCE.md: personal repository of a collaboration member
    (r"coherent/ge-mini-2024/(?P<rel>.+)", github(GE_PAPER, "{rel}")),
    # coherent/sns-flux/SOURCE.md: CSVs converted here from the TH1D objects of a ROOT file
    (r"coherent/sns-flux/[^/]+\.csv",
     text("converted here from " + raw_url(*BARBEAU_ROOT_FILE) + " (TH1D histograms to CSV), see SOURCE.md; "
          "no public URL for the CSV")),
    # migdal/SOURCE.md: MIT-licensed wimprates, CSV conversions of the Ibe et al. (arXiv:1707.07258) tables
    (r"migdal/(?P<rel>migdal_transition_[A-Za-z]+\.csv)", github(WIMPRATES, "wimprates/data/migdal/{rel}")),
    # reactor/atomic/SOURCE.md
    (r"reactor/atomic/(?P<rel>nuclear_radii\.dat)", github(MUDIRAC, "utils/{rel}")),
    (r"reactor/atomic/charge_radii_selected\.csv", text("derived here from reactor/atomic/nuclear_radii.dat, see SOURCE.md; no public URL")),
    (r"reactor/atomic/(?:ge_isotopes|other_target_masses)\.csv", text(HAND_WRITTEN)),
    # reactor/conus-plus, reactor/nugen, reactor/texono: summaries written by hand from public pages
    (r"reactor/conus-plus/conus_plus_run1_summary\.csv", text(HAND_WRITTEN)),
    (r"reactor/nugen/nugen_context\.csv", text(HAND_WRITTEN)),
    (r"reactor/texono/texono_2024_summary\.csv", text(HAND_WRITTEN)),
    # reactor/dresden-ii/SOURCE.md
    (r"reactor/dresden-ii/(?P<rel>data_release\.txt)", github(LARIZGOITIA_HEAD, "{rel}")),
    (r"reactor/dresden-ii/dresden_ii_background_model_params\.csv", text(HAND_WRITTEN)),
    # reactor/quenching/SOURCE.md
    (r"reactor/quenching/(?P<rel>QF_Fef_YBe\.txt)", github(LARIZGOITIA_HEAD, "{rel}")),
    # reactor/spectra/*/SOURCE.md
    (r"reactor/spectra/estienne2019/(?P<rel>estienne2019_isospec_[a-z0-9]+\.csv)", github(NURECOIL, "nurecoil/flux/data/{rel}")),
    (r"reactor/spectra/huber2011/(?P<rel>[^/]+\.dat)", github(RICOCHET, "data/huber/{rel}")),
    (r"reactor/spectra/huber2011/(?P<rel>huber_[a-z0-9]+\.txt)", github(RITTERCAT, "fluxData/{rel}")),
    (r"reactor/spectra/kopeikin/(?P<rel>kopeikin_spectrum\.txt)", github(RICOCHET, "data/{rel}")),
    (r"reactor/spectra/kopeikin/(?P<rel>kopeikin(?:1999|2012)_composite_total\.csv)", github(NURECOIL, "nurecoil/flux/data/{rel}")),
    (r"reactor/spectra/kopeikin/(?P<rel>kopeikin_u23[58]\.txt)", github(RITTERCAT, "fluxData/{rel}")),
    # larizgoitia-mhve: the root-level Pu239 copy (typo-free) is kept under another name here
    (r"reactor/spectra/larizgoitia-mhve/spectraMeVPu239_rootcopy\.txt", github(LARIZGOITIA_ROOT, "spectraMeVPu239.txt")),
    (r"reactor/spectra/larizgoitia-mhve/(?P<rel>spectraMeVU238Ncapture\.txt)", github(LARIZGOITIA_ROOT, "{rel}")),
    (r"reactor/spectra/larizgoitia-mhve/(?P<rel>spectraMeV(?:U235|U238|Pu239|Pu241)\.txt)", github(LARIZGOITIA_HEAD, "SM/{rel}")),
    (r"reactor/spectra/mueller2011/(?P<rel>mueller_[a-z0-9]+\.txt)", github(RITTERCAT, "fluxData/{rel}")),
    (r"reactor/spectra/other-models/(?P<rel>[a-z]+_[a-z0-9]+\.txt)", github(RITTERCAT, "fluxData/{rel}")),
    (r"reactor/spectra/parametrizations/[^/]+\.csv", text(HAND_WRITTEN)),
    (r"reactor/spectra/perisse2023-bestiole/(?P<rel>bestiole_[a-z0-9]+\.txt)", github(RITTERCAT, "fluxData/{rel}")),
    (r"reactor/spectra/vogel-engel1989/(?P<rel>vogel1989_isospec_u235\.csv)", github(NURECOIL_U235, "nurecoil/flux/data/{rel}")),
    (r"reactor/spectra/vogel-engel1989/(?P<rel>vogel1989_isospec_u238\.csv)", github(NURECOIL, "nurecoil/flux/data/{rel}")),
    (r"reactor/spectra/vogel-engel1989/vogel_engel1989_tableII_lowE\.csv",
     text("assembled here from reactor/spectra/larizgoitia-mhve/spectraMeV*.txt, see SOURCE.md; no public URL")),
]

HEADER = """\
# Data registry: every file of the data directory with its size, SHA-256 and public origin.
# GENERATED by tools/data_registry.py (sizes and checksums computed from the files, origins from the
# table in that script, which restates each folder's SOURCE.md); do not edit by hand, rerun the script.
#
#   path    relative to the data directory, '/'-separated
#   size    bytes
#   sha256  SHA-256 of the file, lower-case hex
#   origin  where the file comes from: repository@commit:path, or how it was made here
#   url     public URL serving exactly these bytes (pinned to a commit); absent = no public URL
#
# Every file is shipped in the repository's data/ (the default data directory). ./cevns data verify
# checks a data directory against this list; ./cevns data fetch (needed only to refresh or repair a copy)
# downloads the files with a url. Files without one exist only in data/ and in mirrors of it: a mirror
# (--base-url URL or CEVNS_DATA_MIRROR) serves every file at URL/<path>, i.e. with the same relative
# paths as the data directory.
"""


def default_data_dir():
    env = os.environ.get("CEVNS_DATA", "").strip()
    return env if env else os.path.join(REPO_ROOT, "data")


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def files_under(root):
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            full = os.path.join(dirpath, name)
            out.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return sorted(out)


def origin_of(rel, used):
    for i, (pattern, target) in enumerate(ORIGINS):
        m = re.fullmatch(pattern, rel)
        if not m:
            continue
        used.add(i)
        if target[0] == "text":
            return target[1], None
        (repo, commit), upstream = target[1], target[2]
        upstream_path = upstream.format(rel=m.groupdict().get("rel", ""))
        return f"{repo}@{commit}:{upstream_path}", raw_url(repo, commit, upstream_path)
    raise SystemExit(f"data_registry.py: no origin rule for '{rel}'; add one to ORIGINS (see the folder's SOURCE.md)")


def quoted(s):
    """A YAML double-quoted scalar (JSON-compatible escaping)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(root):
    used = set()
    lines = [HEADER, "files:"]
    for rel in files_under(root):
        full = os.path.join(root, rel)
        origin, url = origin_of(rel, used)
        lines.append(f"  - path: {quoted(rel)}")
        lines.append(f"    size: {os.path.getsize(full)}")
        lines.append(f"    sha256: {sha256_of(full)}")
        lines.append(f"    origin: {quoted(origin)}")
        if url is not None:
            lines.append(f"    url: {quoted(url)}")
    unused = [ORIGINS[i][0] for i in range(len(ORIGINS)) if i not in used]
    if unused:
        raise SystemExit(f"data_registry.py: origin rule(s) matching no file (stale?): {', '.join(unused)}")
    return "\n".join(lines) + "\n"


def main(argv):
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    root = os.path.abspath(args[0] if args else default_data_dir())
    if not os.path.isdir(root):
        raise SystemExit(f"data_registry.py: data directory {root} does not exist (pass DATA_DIR or set CEVNS_DATA)")
    text_out = render(root)
    if check:
        current = open(REGISTRY, encoding="utf-8").read() if os.path.exists(REGISTRY) else ""
        if current != text_out:
            print(f"{REGISTRY} is out of date with {root}; rerun tools/data_registry.py", file=sys.stderr)
            return 1
        print(f"{REGISTRY} is up to date with {root}")
        return 0
    os.makedirs(os.path.dirname(REGISTRY), exist_ok=True)
    with open(REGISTRY, "w", encoding="utf-8", newline="\n") as f:
        f.write(text_out)
    print(f"wrote {REGISTRY} ({text_out.count('  - path:')} files from {root})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
