"""Differential harness, pandas side: recomputes every verb of frames.lua with pandas and compares.

Usage: pandas_check.py DIR SCALE. DIR holds input.csv and aikit's result CSVs (one per name in frames.lua's `out`).
Prints one line per mismatch and exits 1 if there is any.
"""
import sys

import numpy as np
import pandas as pd

folder, scale = sys.argv[1], float(sys.argv[2])
problems = []


def read(name):
    return pd.read_csv(f"{folder}/{name}.csv", keep_default_na=False, na_values=[""])


def same(label, got, want, rtol=1e-9, atol=0.0):
    """Columns equal in name, order and values (NaN matches NaN; numbers within rtol, atol × scale)."""
    got = got.reset_index(drop=True)
    want = want.reset_index(drop=True)
    if list(got.columns) != list(want.columns):
        problems.append(f"{label}: columns {list(got.columns)} != {list(want.columns)}")
        return
    if len(got) != len(want):
        problems.append(f"{label}: {len(got)} rows != {len(want)}")
        return
    for column in want.columns:
        a, b = got[column], want[column]
        if b.dtype == bool:
            b = b.astype(float)
        if pd.api.types.is_numeric_dtype(b) and pd.api.types.is_numeric_dtype(a):
            a = a.astype(float).to_numpy()
            b = b.astype(float).to_numpy()
            with np.errstate(invalid="ignore"):
                ok = (np.isnan(a) & np.isnan(b)) | (a == b) | np.isclose(a, b, rtol=rtol, atol=atol * scale)
            for row in np.flatnonzero(~ok)[:3]:
                problems.append(f"{label}.{column} row {row}: aikit {a[row]!r}, pandas {b[row]!r}")
        else:
            a = a.fillna("").astype(str).to_numpy()
            b = b.fillna("").astype(str).to_numpy()
            for row in np.flatnonzero(a != b)[:3]:
                problems.append(f"{label}.{column} row {row}: aikit {a[row]!r}, pandas {b[row]!r}")


f = read("input")
x, y, v, name = f["x"], f["y"], f["v"], f["name"]

# Column expressions, named as frames.lua's `with` adds them (in order of name).
edges = [-5 * scale, 0, 2 * scale, 15 * scale]
got = read("expressions")
cut_codes = pd.cut(x, edges).cat.codes.astype(float).replace(-1, np.nan)
labels = sorted({label for label in got["cut"].dropna()}, key=lambda t: float(t[1:t.index(",")]))
got["cut"] = got["cut"].map(lambda t: float(labels.index(t)) if isinstance(t, str) and t in labels else np.nan)
expected = {
    "abs": x.abs(), "add": x + y, "between": x.between(0, 3 * scale), "both": (x > 0) & (y > 0),
    "clip": x.clip(0, 4 * scale), "contains": name.str.contains("a", regex=False), "cut": cut_codes,
    "div": x / y, "either": (x > 0) | ~(y > 0), "eq": x == y, "exp": np.exp(x / scale), "fillna": x.fillna(0),
    "ge": x >= 1 * scale, "gt": x > y, "isin": name.isin(["alpha", "delta"]), "isnull": x.isna(), "le": x <= y,
    "len": name.str.len(), "log": np.log(v), "lower": name.str.lower(), "lt": x < 0, "mod": x % 3,
    "mul": 3 * y, "ne": x != 1 * scale, "neg": -x, "notnull": y.notna(), "pow": v ** 0.5, "round": x.round(2),
    "sign": np.sign(x), "sqrt": np.sqrt(v), "startswith": name.str.startswith("al"), "sub": x - 2,
    "upper": name.str.upper(), "where": x.where(x > y, y),
}
same("expressions", got, pd.DataFrame(expected)[sorted(expected)])

# Per-symbol windows in time order (the input's rows are shuffled), back in row order.
ordered = f.sort_values(["symbol", "time"], kind="stable")


def per_symbol(compute):
    parts = [compute(group) for _, group in ordered.groupby("symbol", sort=False)]
    return pd.concat(parts).reindex(f.index) if parts else pd.Series(dtype=float)


def rolling_pair(n, kind):
    def compute(g):
        r = g["x"].rolling(n)
        if kind == "corr":
            # Correlation is scale-free; pandas 3.1 multiplies the two variances, which underflows near 1e-150
            # and gives ±1, so its reference is taken on the unscaled values.
            return (g["x"] / scale).rolling(n).corr(g["y"] / scale)
        if kind == "cov":
            return r.cov(g["y"])
        return r.cov(g["y"]) / g["y"].rolling(n).var()
    return per_symbol(compute)


def each(function):
    return per_symbol(lambda g: function(g["x"]))


expected = {
    "beta": rolling_pair(6, "beta"), "bfill": each(lambda s: s.bfill()), "corr": rolling_pair(6, "corr"),
    "cov": rolling_pair(6, "cov"), "cummax": each(lambda s: s.cummax()), "cummin": each(lambda s: s.cummin()),
    "cumprod": per_symbol(lambda g: (g["v"] / scale).cumprod()), "cumsum": each(lambda s: s.cumsum()),
    "diff": each(lambda s: s.diff()), "ewm": each(lambda s: s.ewm(span=5).mean()),
    "ewmh": each(lambda s: s.ewm(halflife=3).mean()), "ewmstd": each(lambda s: s.ewm(span=4).std()),
    "ffill": each(lambda s: s.ffill()),
    "lua": each(lambda s: s.rolling(3).apply(lambda a: a[2] - a[0], raw=True)),
    "pct": per_symbol(lambda g: g["v"].pct_change(2)), "rank": f.groupby("time")["x"].rank(),
    "rankd": f.groupby("time")["x"].rank(ascending=False), "rmax": each(lambda s: s.rolling(3).max()),
    "rmean": each(lambda s: s.rolling(3).mean()), "rmin": each(lambda s: s.rolling(3).min()),
    "rstd": each(lambda s: s.rolling(4).std()), "rsum": each(lambda s: s.rolling(5).sum()),
    "shift": each(lambda s: s.shift(1)), "shift2": each(lambda s: s.shift(-2)),
    "z": each(lambda s: (s - s.mean()) / s.std()),
    "z5": each(lambda s: (s - s.rolling(5).mean()) / s.rolling(5).std()),
}
same("windows", read("windows"), pd.DataFrame(expected)[sorted(expected)], rtol=1e-7, atol=1e-9)

# Frame verbs.
same("where", read("where"), f[(x > y) | (name == "Beta")])
same("sort", read("sort"), f.sort_values(["x", "symbol", "time"], ascending=[False, True, True], kind="stable",
                                         na_position="last"))
same("rename", read("rename"), f.rename(columns={"x": "ex"}).drop(columns=["y"]))
same("dropna", read("dropna"), f.dropna(subset=["x", "y"]))
same("fillna", read("fillna"), f.fillna(-1))
filled = f.copy()
for column in ["v", "x", "y"]:
    filled[column] = per_symbol(lambda g: g[column].ffill())
same("ffill", read("ffill"), filled)
same("unique", read("unique"), f.drop_duplicates(["symbol", "name"]))
counts = name.value_counts().rename("count").reset_index()
counts.columns = ["name", "count"]
same("value_counts", read("value_counts"), counts.sort_values(["count", "name"], ascending=[False, True]))
qs = [0, 0.1, 0.5, 0.75, 1]
quantiles = f[["v", "x", "y"]].quantile(qs).reset_index(names="quantile")
same("quantile", read("quantile"), quantiles)
groups = f.groupby(["symbol", "name"], sort=True)
agg = pd.DataFrame({
    "hi": groups["y"].max(), "lo": groups["x"].min(), "mean": groups["x"].mean(), "med": groups["x"].median(),
    "n": groups["x"].count(), "range": groups["v"].apply(lambda s: s.notna().sum()), "std": groups["y"].std(),
    "total": groups["x"].sum(min_count=1),
}).reset_index()
same("agg", read("agg"), agg)

for problem in problems:
    print(problem)
sys.exit(1 if problems else 0)
