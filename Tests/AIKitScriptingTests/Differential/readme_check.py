"""The two one-liners of docs/market.md recomputed with pandas on the bundled sample's bars.

Usage: readme_check.py DIR. DIR holds bars.csv (all sample bars), ranking.csv and corr.csv (aikit's results).
Prints mismatches and exits 1 if there is any.
"""
import sys

import numpy as np
import pandas as pd

folder = sys.argv[1]
bars = pd.read_csv(f"{folder}/bars.csv", keep_default_na=False, na_values=[""])
problems = []


def compare(label, got, want):
    got, want = got.reset_index(drop=True), want.reset_index(drop=True)
    if list(got.columns) != list(want.columns) or len(got) != len(want):
        problems.append(f"{label}: shape {list(got.columns)} × {len(got)} != {list(want.columns)} × {len(want)}")
        return
    for column in want.columns:
        a, b = got[column], want[column]
        if pd.api.types.is_numeric_dtype(b):
            a, b = a.to_numpy(dtype=float), b.to_numpy(dtype=float)
            ok = (np.isnan(a) & np.isnan(b)) | np.isclose(a, b, rtol=1e-9, atol=1e-12)
            bad = np.flatnonzero(~ok)
        else:
            bad = np.flatnonzero(a.astype(str).to_numpy() != b.astype(str).to_numpy())
        for row in bad[:3]:
            problems.append(f"{label}.{column} row {row}: aikit {got[column][row]!r}, pandas {want[column][row]!r}")


# Drawdown from the running peak since January, last value per symbol, deepest first.
b = bars[bars["time"] >= "2025-01-01"].sort_values(["symbol", "time"], kind="stable").copy()
b["dd"] = b["close"] / b.groupby("symbol")["close"].cummax() - 1
ranking = b.groupby("symbol")["dd"].last().reset_index().sort_values("dd", kind="stable")
compare("ranking", pd.read_csv(f"{folder}/ranking.csv"), ranking)

# Rolling 20-day correlation of NVDA's daily returns with CEG's and VST's.
wide = bars[bars["symbol"].isin(["NVDA", "CEG", "VST"])].pivot(index="time", columns="symbol", values="close")
returns = wide.pct_change(fill_method=None)
corr = pd.DataFrame({
    "time": wide.index, "CEG_corr": returns["NVDA"].rolling(20).corr(returns["CEG"]).to_numpy(),
    "VST_corr": returns["NVDA"].rolling(20).corr(returns["VST"]).to_numpy(),
})
compare("corr", pd.read_csv(f"{folder}/corr.csv"), corr)

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
