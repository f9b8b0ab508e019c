#!/usr/bin/env python3
"""Makes the ILLUSTRATIVE FAKE spectrum.csv of the example dataset example-reactor-ge (not a measurement).

Input (a file named as the first argument, else stdin): the JSON of `cevns predict --experiment example-reactor-ge --datasets-dir docs/examples/reactor-ge --json`
(the Standard-Model CEvNS and nu-e counts per bin for 1 kg over 100 days). Output (stdout): five columns per bin,
centre (keVee), reactor-ON rate and error, reactor-OFF rate and error, in counts per bin per day:
  ON  = Poisson(signal + background) / 100 d,  OFF = Poisson(background) / 100 d,  errors = sqrt(counts) / 100 d,
with a flat background of 1 count per 20 eV bin per day and a fixed seed, so the file is reproducible.

  ./cevns predict --experiment example-reactor-ge --datasets-dir docs/examples/reactor-ge --json \
      | python3 docs/examples/reactor-ge/make_fake_spectrum.py > docs/examples/reactor-ge/spectrum.csv
"""
import json
import math
import random
import sys

DAYS = 100.0
BACKGROUND_PER_BIN_PER_DAY = 1.0
SEED = 20261204


def poisson(rng, mean):
    """Poisson deviate as a sum of small-mean pieces (Knuth's product method on each piece)."""
    total, pieces = 0, max(1, int(mean // 20) + 1)
    for _ in range(pieces):
        limit, k, p = math.exp(-mean / pieces), 0, rng.random()
        while p > limit:
            k += 1
            p *= rng.random()
        total += k
    return total


def main():
    if len(sys.argv) > 1:
        with open(sys.argv[1], encoding="utf-8") as f:
            prediction = json.load(f)
    else:
        prediction = json.load(sys.stdin)
    rng = random.Random(SEED)
    for b in prediction["bins"]:
        lo, hi = b["E_keVee"]
        signal = sum(b["cevns"].values()) + sum(b["es"].values())
        background = BACKGROUND_PER_BIN_PER_DAY * DAYS
        on, off = poisson(rng, signal + background), poisson(rng, background)
        print(f"{0.5 * (lo + hi):.3f},{on / DAYS:.4f},{math.sqrt(max(on, 1)) / DAYS:.4f},"
              f"{off / DAYS:.4f},{math.sqrt(max(off, 1)) / DAYS:.4f}")


if __name__ == "__main__":
    main()
