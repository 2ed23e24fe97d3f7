#!/usr/bin/env python3
"""Peer figures for aikit's market-data workload: DuckDB, the sqlite3 CLI, pandas and polars.

    python3 market_peers.py generate --symbols 1000 --days 10000 --out /tmp/bars.csv [--seed 1]
    python3 market_peers.py generate-probes --csv /tmp/bars.csv --count 1000000 --out /tmp/probes.csv [--seed 2]
    python3 market_peers.py run --csv /tmp/bars.csv --probes /tmp/probes.csv --workdir /tmp/peers \
        [--only duckdb,sqlite,pandas,polars] [--symbol S0500] [--repeats 20]

`run` prints ONE JSON object on stdout (everything else goes to stderr). Each measurement runs in its own
child process (this script, `_step NAME`), so the memory of one never weighs on the next; the parent
imports none of the measured libraries. See README.md beside this file for what each figure means.
"""
import argparse
import gc
import importlib.metadata
import importlib.util
import json
import math
import mmap
import os
import shutil
import statistics
import subprocess
import sys
import time

COLUMNS = ["Symbol", "Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]
HEADER = ",".join(COLUMNS) + "\n"
START_DATE = "1990-01-01"  # a Monday
WINDOW = 20  # rolling window (rows) of the sample std of returns
TOOLS = ["duckdb", "sqlite", "pandas", "polars"]


def log(*parts):
    print("[market_peers]", *parts, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- generate

def symbol_names(count):
    width = max(4, len(str(count - 1)))
    return ["S%0*d" % (width, i) for i in range(count)]


def cmd_generate(args):
    import numpy as np

    started = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    days = args.days
    dates = np.busday_offset(np.datetime64(START_DATE, "D"), np.arange(days), roll="forward")
    names = symbol_names(args.symbols)
    # ~1M rows per chunk: a few arrays of 8 MB each, whatever the total size.
    per_chunk = max(1, 1_000_000 // days)
    try:
        import polars as pl
    except ImportError:
        pl = None
        log("polars not installed: writing with the (slower) pure-Python formatter")
    with open(args.out, "wb") as out:
        out.write(HEADER.encode())
        for first in range(0, args.symbols, per_chunk):
            n = min(per_chunk, args.symbols - first)
            start = rng.uniform(50.0, 150.0, n)
            log_returns = rng.normal(0.0, 0.02, (n, days))
            log_returns[:, 0] = 0.0  # the first close is the start price
            close = start[:, None] * np.exp(np.cumsum(log_returns, axis=1))
            previous = np.concatenate([start[:, None], close[:, :-1]], axis=1)
            open_ = previous * np.exp(rng.normal(0.0, 0.005, (n, days)))
            high = np.maximum(open_, close) * np.exp(np.abs(rng.normal(0.0, 0.01, (n, days))))
            low = np.minimum(open_, close) * np.exp(-np.abs(rng.normal(0.0, 0.01, (n, days))))
            factor = rng.uniform(0.9, 1.0, n)
            volume = rng.integers(100_000, 10_000_001, (n, days), dtype=np.int64)
            # Rounding to 4 decimals and the 0.01 floor are both monotone, so
            # low <= min(open, close) <= max(open, close) <= high still holds after them.
            def fix(a):
                return np.maximum(np.round(a, 4), 0.01).ravel()
            open_, high, low, close = fix(open_), fix(high), fix(low), fix(close)
            adj = np.maximum(np.round(close.reshape(n, days) * factor[:, None], 4), 0.0001).ravel()
            symbols = np.repeat(np.array(names[first:first + n]), days)
            if pl is not None:
                frame = pl.DataFrame({
                    "Symbol": symbols, "Date": np.tile(dates, n), "Open": open_, "High": high, "Low": low,
                    "Close": close, "Adj Close": adj, "Volume": volume.ravel(),
                })
                frame.write_csv(out, include_header=False, float_precision=4)
            else:
                date_text = np.datetime_as_string(dates).tolist() * n
                lines = [
                    "%s,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%d\n" % row
                    for row in zip(symbols.tolist(), date_text, open_.tolist(), high.tolist(), low.tolist(),
                                   close.tolist(), adj.tolist(), volume.ravel().tolist())
                ]
                out.write("".join(lines).encode())
            log("generated %d/%d symbols" % (first + n, args.symbols))
    log("wrote %d rows to %s in %.1f s" % (args.symbols * days, args.out, time.perf_counter() - started))


def csv_bounds(path):
    """Sorted symbol list and (first date, last date) of a bars CSV."""
    try:
        import polars as pl
        frame = (pl.scan_csv(path, schema_overrides={"Date": pl.Date})
                 .group_by("Symbol").agg(pl.col("Date").min().alias("lo"), pl.col("Date").max().alias("hi"))
                 .sort("Symbol").collect())
        return frame["Symbol"].to_list(), str(frame["lo"].min()), str(frame["hi"].max())
    except ImportError:
        symbols, lo, hi = [], None, None
        with open(path) as f:
            next(f)
            for line in f:
                symbol, date = line.split(",", 2)[:2]
                if not symbols or symbols[-1] != symbol:
                    symbols.append(symbol)
                lo = date if lo is None or date < lo else lo
                hi = date if hi is None or date > hi else hi
        return sorted(symbols), lo, hi


def cmd_generate_probes(args):
    import numpy as np

    started = time.perf_counter()
    symbols, lo, hi = csv_bounds(args.csv)
    rng = np.random.default_rng(args.seed)
    first = np.datetime64(lo, "s").astype(np.int64)
    last = np.datetime64(hi, "s").astype(np.int64) + 86_399  # through 23:59:59 of the last bar's day
    which = rng.integers(0, len(symbols), args.count)
    seconds = rng.integers(first, last + 1, args.count)
    order = np.lexsort((seconds, which))  # symbols are sorted, so index order is name order
    which, seconds = which[order], seconds[order]
    stamps = np.char.replace(np.datetime_as_string(seconds.astype("datetime64[s]")), "T", " ")
    names = np.array(symbols)[which]
    with open(args.out, "w") as out:
        out.write("Symbol,Time\n")
        step = 200_000
        for i in range(0, args.count, step):
            out.write("".join("%s,%s\n" % pair for pair in zip(names[i:i + step].tolist(),
                                                                 stamps[i:i + step].tolist())))
    log("wrote %d probes (%d symbols, %s .. %s 23:59:59) to %s in %.1f s"
        % (args.count, len(symbols), lo, hi, args.out, time.perf_counter() - started))


# ------------------------------------------------------------------------------------------- the steps
# Each step runs in a child process, reads its inputs untimed where the figure is "on data in memory",
# and returns a dict that the parent merges into the JSON.

def sample_rows(days_in_symbol):
    """Row positions (within the sample symbol) whose return/vol are compared across tools."""
    return sorted({min(WINDOW, days_in_symbol - 1), min(100, days_in_symbol - 1), days_in_symbol - 1})


def finite(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def duckdb_db(ctx):
    return os.path.join(ctx.workdir, "bars.duckdb")


def sqlite_db(ctx):
    return os.path.join(ctx.workdir, "bars.sqlite")


def sql_text(value):
    return "'" + value.replace("'", "''") + "'"


DUCKDB_COLUMNS = ("{'Symbol': 'VARCHAR', 'Date': 'DATE', 'Open': 'DOUBLE', 'High': 'DOUBLE', 'Low': 'DOUBLE', "
                  "'Close': 'DOUBLE', 'Adj Close': 'DOUBLE', 'Volume': 'BIGINT'}")


def step_duckdb_import(ctx):
    import duckdb
    path = duckdb_db(ctx)
    for leftover in (path, path + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    sql = ("CREATE TABLE bars AS SELECT * FROM read_csv(%s, header = true, delim = ',', "
           "dateformat = '%%Y-%%m-%%d', columns = %s)" % (sql_text(ctx.csv), DUCKDB_COLUMNS))
    t0 = time.perf_counter()
    con = duckdb.connect(path)
    con.execute(sql)
    con.execute("CHECKPOINT")
    con.close()
    seconds = time.perf_counter() - t0
    con = duckdb.connect(path, read_only=True)
    rows = con.execute("SELECT count(*) FROM bars").fetchone()[0]
    con.close()
    return {"duckdb_import_s": seconds, "duckdb_import_rows_per_s": rows / seconds,
            "duckdb_file_bytes": os.path.getsize(path), "_duckdb_rows": rows}


# The sqlite3 shell reads this script on stdin, i.e. exactly:
#   sqlite3 -bail bars.sqlite <<'EOF'
#   CREATE TABLE bars(symbol TEXT NOT NULL, date TEXT NOT NULL, open REAL, high REAL, low REAL, close REAL,
#                     adj_close REAL, volume INTEGER, PRIMARY KEY (symbol, date)) WITHOUT ROWID;
#   .mode csv
#   .import --skip 1 "/path/to/bars.csv" bars
#   EOF
# Journal: SQLite's defaults, i.e. journal_mode=DELETE (rollback journal, not WAL) and synchronous=FULL;
# .import runs the whole file inside one transaction, so the journal mode barely matters here.
# WITHOUT ROWID makes the (symbol, date) key the table's own B-tree (clustered), the layout that suits
# per-symbol history queries; a rowid table would keep a second B-tree for the key.
SQLITE_SCHEMA = ("CREATE TABLE bars(symbol TEXT NOT NULL, date TEXT NOT NULL, open REAL, high REAL, low REAL, "
                 "close REAL, adj_close REAL, volume INTEGER, PRIMARY KEY (symbol, date)) WITHOUT ROWID;")


def step_sqlite_cli_import(ctx):
    import sqlite3
    cli = shutil.which("sqlite3")
    path = sqlite_db(ctx)
    for leftover in (path, path + "-journal", path + "-wal", path + "-shm"):
        if os.path.exists(leftover):
            os.remove(leftover)
    script = "%s\n.mode csv\n.import --skip 1 \"%s\" bars\n" % (
        SQLITE_SCHEMA, ctx.csv.replace("\\", "\\\\").replace('"', '\\"'))
    t0 = time.perf_counter()
    done = subprocess.run([cli, "-bail", path], input=script, text=True, capture_output=True)
    seconds = time.perf_counter() - t0
    if done.returncode != 0 or done.stderr.strip():
        raise RuntimeError("sqlite3 CLI failed (rc %d): %s" % (done.returncode, done.stderr.strip()[:2000]))
    con = sqlite3.connect(path)
    rows = con.execute("SELECT count(*) FROM bars").fetchone()[0]
    journal = con.execute("PRAGMA journal_mode").fetchone()[0]
    con.close()
    return {"sqlite_cli_import_s": seconds, "sqlite_cli_import_rows_per_s": rows / seconds,
            "sqlite_file_bytes": os.path.getsize(path), "sqlite_journal_mode": journal, "_sqlite_rows": rows}


def pandas_read(pd, path):
    # Default (C) engine; Date becomes datetime64 (pandas has no plain date dtype with NumPy backing).
    return pd.read_csv(path, parse_dates=["Date"], date_format="%Y-%m-%d")


def polars_read(pl, path):
    return pl.read_csv(path, schema_overrides={"Date": pl.Date})


def step_pandas_read_csv(ctx):
    import pandas as pd
    t0 = time.perf_counter()
    frame = pandas_read(pd, ctx.csv)
    seconds = time.perf_counter() - t0
    return {"pandas_read_csv_s": seconds, "pandas_read_csv_rows_per_s": len(frame) / seconds,
            "_pandas_rows": len(frame)}


def step_pandas_read_csv_pyarrow(ctx):
    """Extra figure: pandas' pyarrow engine with Arrow-backed columns (Date becomes date32[pyarrow], a true date).
    With engine="pyarrow" but NumPy dtypes plus parse_dates, pandas converts afterwards and is slower than
    its default C engine; this is pandas' fastest way to a frame with a parsed Date."""
    import pandas as pd
    t0 = time.perf_counter()
    frame = pd.read_csv(ctx.csv, engine="pyarrow", dtype_backend="pyarrow")
    seconds = time.perf_counter() - t0
    return {"pandas_read_csv_pyarrow_s": seconds, "pandas_read_csv_pyarrow_rows_per_s": len(frame) / seconds}


def step_polars_read_csv(ctx):
    import polars as pl
    t0 = time.perf_counter()
    frame = polars_read(pl, ctx.csv)
    seconds = time.perf_counter() - t0
    return {"polars_read_csv_s": seconds, "polars_read_csv_rows_per_s": frame.height / seconds,
            "_polars_rows": frame.height}


def rolling_check(ret_values, vol_values, sample_ret, sample_vol):
    """ret/vol: (non-null count, sum) over the whole column; sample_*: lists for the sample symbol's rows."""
    rows = sample_rows(len(sample_ret))
    return {
        "ret_nonnull": int(ret_values[0]), "ret_sum": float(ret_values[1]),
        "vol_nonnull": int(vol_values[0]), "vol_sum": float(vol_values[1]),
        "sample": {str(r): {"ret": finite(sample_ret[r]), "vol": finite(sample_vol[r])} for r in rows},
        "sample_vol_nonnull": sum(1 for v in sample_vol if finite(v) is not None),
    }


# Returns/rolling pipelines (identical semantics in all three tools):
#   ret = AdjClose / previous AdjClose of the same symbol - 1   (null on each symbol's first row)
#   vol = sample std (ddof=1) of ret over the last 20 rows of the same symbol, null unless all 20 are non-null
#         (so each symbol's first non-null vol is on its 21st row)

def polars_returns_rolling(pl, frame):
    return (frame
            .with_columns((pl.col("Adj Close").pct_change().over("Symbol")).alias("ret"))
            .with_columns(pl.col("ret").rolling_std(window_size=WINDOW, ddof=1).over("Symbol").alias("vol")))


def step_polars_returns_rolling(ctx):
    import polars as pl
    frame = polars_read(pl, ctx.csv)
    t0 = time.perf_counter()
    out = polars_returns_rolling(pl, frame)
    seconds = time.perf_counter() - t0
    one = out.filter(pl.col("Symbol") == ctx.symbol).sort("Date")
    check = rolling_check((out["ret"].count(), out["ret"].sum()), (out["vol"].count(), out["vol"].sum()),
                          one["ret"].to_list(), one["vol"].to_list())
    return {"polars_returns_rolling_s": seconds, "polars_returns_rolling_rows_per_s": out.height / seconds,
            "_rolling_polars": check}


def pandas_returns_rolling(pd, frame):
    frame["ret"] = frame.groupby("Symbol", sort=False)["Adj Close"].pct_change()
    frame["vol"] = (frame.groupby("Symbol", sort=False)["ret"].rolling(WINDOW).std(ddof=1)
                    .reset_index(level=0, drop=True))
    return frame


def step_pandas_returns_rolling(ctx):
    import pandas as pd
    frame = pandas_read(pd, ctx.csv)
    t0 = time.perf_counter()
    out = pandas_returns_rolling(pd, frame)
    seconds = time.perf_counter() - t0
    one = out[out["Symbol"] == ctx.symbol].sort_values("Date")
    check = rolling_check((out["ret"].count(), out["ret"].sum()), (out["vol"].count(), out["vol"].sum()),
                          one["ret"].tolist(), one["vol"].tolist())
    return {"pandas_returns_rolling_s": seconds, "pandas_returns_rolling_rows_per_s": len(out) / seconds,
            "_rolling_pandas": check}


# The expression pipeline (identical semantics in aikit, polars and pandas; BENCHMARK is the first symbol):
#   ret  = Adj Close / the same symbol's previous Adj Close - 1
#   up   = ret where ret > 0, else 0 (a missing ret is not > 0)
#   corr = 20-row rolling correlation, per symbol, of ret with the benchmark's ret on the same date
#   then per symbol: mean of corr, sum of up. Checksum: the sum of corr_mean over symbols (missing skipped).
EXPRESSION_BENCHMARK = "S0000"


def polars_expression_pipeline(pl, frame):
    f = frame.with_columns((pl.col("Adj Close") / pl.col("Adj Close").shift(1).over("Symbol") - 1).alias("ret"))
    f = f.with_columns(pl.when(pl.col("ret") > 0).then(pl.col("ret")).otherwise(0.0).alias("up"))
    bench = f.filter(pl.col("Symbol") == EXPRESSION_BENCHMARK).select("Date", pl.col("ret").alias("bench"))
    f = f.join(bench, on="Date", how="left", maintain_order="left")
    f = f.with_columns(pl.rolling_corr(pl.col("ret"), pl.col("bench"), window_size=WINDOW).over("Symbol").alias("corr"))
    return f.group_by("Symbol").agg(pl.col("corr").mean().alias("corr_mean"), pl.col("up").sum().alias("up_sum"))


def step_polars_expression(ctx):
    import polars as pl
    frame = polars_read(pl, ctx.csv)
    t0 = time.perf_counter()
    out = polars_expression_pipeline(pl, frame)
    seconds = time.perf_counter() - t0
    return {"polars_expression_s": seconds, "polars_expression_checksum": float(out["corr_mean"].fill_nan(None).sum())}


def pandas_expression_pipeline(pd, frame):
    frame["ret"] = frame["Adj Close"] / frame.groupby("Symbol", sort=False)["Adj Close"].shift(1) - 1
    frame["up"] = frame["ret"].where(frame["ret"] > 0, 0.0)
    bench = frame.loc[frame["Symbol"] == EXPRESSION_BENCHMARK, ["Date", "ret"]].rename(columns={"ret": "bench"})
    frame = frame.merge(bench, on="Date", how="left")
    frame["corr"] = (frame.groupby("Symbol", sort=False, group_keys=False)
                     .apply(lambda g: g["ret"].rolling(WINDOW).corr(g["bench"])))
    return frame.groupby("Symbol").agg(corr_mean=("corr", "mean"), up_sum=("up", "sum"))


def step_pandas_expression(ctx):
    import pandas as pd
    frame = pandas_read(pd, ctx.csv)
    t0 = time.perf_counter()
    out = pandas_expression_pipeline(pd, frame)
    seconds = time.perf_counter() - t0
    return {"pandas_expression_s": seconds, "pandas_expression_checksum": float(out["corr_mean"].sum())}


DUCKDB_ROLLING = """
CREATE TEMP TABLE rolling AS
SELECT Symbol, Date, ret,
       CASE WHEN count(ret) OVER w = %d THEN stddev_samp(ret) OVER w END AS vol
FROM (SELECT Symbol, Date, "Adj Close" / lag("Adj Close") OVER (PARTITION BY Symbol ORDER BY Date) - 1 AS ret
      FROM bars)
WINDOW w AS (PARTITION BY Symbol ORDER BY Date ROWS BETWEEN %d PRECEDING AND CURRENT ROW)
""" % (WINDOW, WINDOW - 1)


def step_duckdb_returns_rolling(ctx):
    import duckdb
    con = duckdb.connect(duckdb_db(ctx))
    # Warm DuckDB's buffer pool with the columns used, so the figure is compute on cached data
    # (as polars/pandas get data already in memory), not the first read of the file.
    con.execute('SELECT count(*), sum("Adj Close"), min(Date), min(Symbol) FROM bars').fetchall()
    t0 = time.perf_counter()
    con.execute(DUCKDB_ROLLING)
    seconds = time.perf_counter() - t0
    rows = con.execute("SELECT count(*) FROM rolling").fetchone()[0]
    ret_n, ret_sum, vol_n, vol_sum = con.execute(
        "SELECT count(ret), sum(ret), count(vol), sum(vol) FROM rolling").fetchone()
    one = con.execute("SELECT ret, vol FROM rolling WHERE Symbol = ? ORDER BY Date", [ctx.symbol]).fetchall()
    con.close()
    check = rolling_check((ret_n, ret_sum), (vol_n, vol_sum), [r[0] for r in one], [r[1] for r in one])
    return {"duckdb_returns_rolling_s": seconds, "duckdb_returns_rolling_rows_per_s": rows / seconds,
            "_rolling_duckdb": check}


def asof_check(matched, close_sum, volume_sum, date_max):
    return {"matched": int(matched), "close_sum": float(close_sum), "volume_sum": int(volume_sum),
            "last_matched_date": str(date_max)[:10]}


def step_polars_asof(ctx):
    import polars as pl
    bars = polars_read(pl, ctx.csv).with_columns(pl.col("Date").cast(pl.Datetime("us")).alias("BarTime"))
    probes = pl.read_csv(ctx.probes).with_columns(
        pl.col("Time").str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us"))
    t0 = time.perf_counter()
    out = probes.join_asof(bars, left_on="Time", right_on="BarTime", by="Symbol", strategy="backward",
                           check_sortedness=False)  # sorted by BarTime within each Symbol, as join_asof needs
    seconds = time.perf_counter() - t0
    check = asof_check(out["Date"].count(), out["Close"].sum(), out["Volume"].sum(), out["Date"].max())
    return {"polars_asof_s": seconds, "polars_asof_probes_per_s": probes.height / seconds,
            "_asof_polars": check, "_probes_polars": probes.height}


def step_pandas_asof(ctx):
    import pandas as pd
    bars = pandas_read(pd, ctx.csv)
    probes = pd.read_csv(ctx.probes, parse_dates=["Time"], date_format="%Y-%m-%d %H:%M:%S")
    bars["Date"] = bars["Date"].astype("datetime64[us]")
    probes["Time"] = probes["Time"].astype("datetime64[us]")
    # merge_asof needs both sides sorted by the `on` key over the whole frame (not within each `by`
    # group), so the Symbol,Date order of the files must be redone: timed apart, not in pandas_asof_s.
    t0 = time.perf_counter()
    bars = bars.sort_values("Date", kind="stable", ignore_index=True)
    probes = probes.sort_values("Time", kind="stable", ignore_index=True)
    sort_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = pd.merge_asof(probes, bars, left_on="Time", right_on="Date", by="Symbol", direction="backward")
    seconds = time.perf_counter() - t0
    check = asof_check(out["Date"].count(), out["Close"].sum(), out["Volume"].sum(), out["Date"].max())
    return {"pandas_asof_s": seconds, "pandas_asof_probes_per_s": len(probes) / seconds,
            "pandas_asof_sort_s": sort_seconds, "_asof_pandas": check}


def step_duckdb_asof(ctx):
    import duckdb
    con = duckdb.connect(duckdb_db(ctx))
    con.execute("CREATE TEMP TABLE probes AS SELECT * FROM read_csv(%s, header = true, delim = ',', "
                "timestampformat = '%%Y-%%m-%%d %%H:%%M:%%S', columns = {'Symbol': 'VARCHAR', 'Time': 'TIMESTAMP'})"
                % sql_text(ctx.probes))
    probes = con.execute("SELECT count(*) FROM probes").fetchone()[0]
    con.execute('SELECT count(*), min(Symbol), min(Date), sum(Open), sum(High), sum(Low), sum(Close), '
                'sum("Adj Close"), sum(Volume) FROM bars').fetchall()  # warm the buffer pool
    t0 = time.perf_counter()
    con.execute("CREATE TEMP TABLE matched AS SELECT p.Symbol, p.Time, b.Date, b.Open, b.High, b.Low, b.Close, "
                "b.\"Adj Close\", b.Volume FROM probes p ASOF LEFT JOIN bars b "
                "ON p.Symbol = b.Symbol AND p.Time >= b.Date")
    seconds = time.perf_counter() - t0
    matched, close_sum, volume_sum, date_max = con.execute(
        "SELECT count(Date), sum(Close), sum(Volume), max(Date) FROM matched").fetchone()
    con.close()
    return {"duckdb_asof_s": seconds, "duckdb_asof_probes_per_s": probes / seconds,
            "_asof_duckdb": asof_check(matched, close_sum, volume_sum, date_max)}


def step_duckdb_one_symbol(ctx):
    import duckdb
    con = duckdb.connect(duckdb_db(ctx), read_only=True)
    sql = "SELECT * FROM bars WHERE Symbol = ? ORDER BY Date"
    samples, rows = [], 0
    for _ in range(ctx.repeats):
        t0 = time.perf_counter()
        arrays = con.execute(sql, [ctx.symbol]).fetchnumpy()
        samples.append(time.perf_counter() - t0)
        rows = len(arrays["Date"])
    con.close()
    return {"duckdb_one_symbol_s": statistics.median(samples), "duckdb_one_symbol_first_s": samples[0],
            "one_symbol_rows_duckdb": rows}


def step_sqlite_one_symbol(ctx):
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % sqlite_db(ctx), uri=True)
    sql = "SELECT * FROM bars WHERE symbol = ? ORDER BY date"
    samples, rows = [], 0
    for _ in range(ctx.repeats):
        t0 = time.perf_counter()
        result = con.execute(sql, (ctx.symbol,)).fetchall()
        samples.append(time.perf_counter() - t0)
        rows = len(result)
    con.close()
    return {"sqlite_one_symbol_s": statistics.median(samples), "sqlite_one_symbol_first_s": samples[0],
            "one_symbol_rows_sqlite": rows}


def step_pandas_pipeline(ctx):
    """The pandas_peak_rss_bytes child: read_csv + returns/rolling + as-of join, one process."""
    import pandas as pd
    t0 = time.perf_counter()
    bars = pandas_returns_rolling(pd, pandas_read(pd, ctx.csv))
    probes = pd.read_csv(ctx.probes, parse_dates=["Time"], date_format="%Y-%m-%d %H:%M:%S")
    bars["Date"] = bars["Date"].astype("datetime64[us]")
    probes["Time"] = probes["Time"].astype("datetime64[us]")
    out = pd.merge_asof(probes.sort_values("Time", kind="stable"), bars.sort_values("Date", kind="stable"),
                        left_on="Time", right_on="Date", by="Symbol", direction="backward")
    return {"pandas_pipeline_s": time.perf_counter() - t0, "_pipeline_matched_pandas": int(out["Date"].count())}


def step_polars_pipeline(ctx):
    """Same pipeline with polars, for polars_peak_rss_bytes."""
    import polars as pl
    t0 = time.perf_counter()
    bars = polars_returns_rolling(pl, polars_read(pl, ctx.csv)).with_columns(
        pl.col("Date").cast(pl.Datetime("us")).alias("BarTime"))
    probes = pl.read_csv(ctx.probes).with_columns(
        pl.col("Time").str.to_datetime("%Y-%m-%d %H:%M:%S", time_unit="us"))
    out = probes.join_asof(bars, left_on="Time", right_on="BarTime", by="Symbol", strategy="backward",
                           check_sortedness=False)  # sorted by BarTime within each Symbol, as join_asof needs
    return {"polars_pipeline_s": time.perf_counter() - t0, "_pipeline_matched_polars": int(out["Date"].count())}


def step_reference(ctx):
    """Independent reference for the sample symbol: stdlib only, straight from the CSV text."""
    needle = ("\n%s," % ctx.symbol).encode()
    closes = []
    with open(ctx.csv, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        at = m.find(needle)
        if at < 0:
            raise RuntimeError("symbol %s not in %s" % (ctx.symbol, ctx.csv))
        m.seek(at + 1)
        prefix = needle[1:]
        while True:
            line = m.readline()
            if not line.startswith(prefix):
                break
            closes.append(float(line.split(b",")[6]))
    ret = [None] + [closes[i] / closes[i - 1] - 1 for i in range(1, len(closes))]
    vol = [None] * len(ret)
    for i in range(WINDOW, len(ret)):
        vol[i] = statistics.stdev(ret[i - WINDOW + 1:i + 1])  # exact two-pass (fractions-based) sample std
    rows = sample_rows(len(ret))
    return {"_reference": {"symbol": ctx.symbol, "rows": len(ret),
                           "sample": {str(r): {"ret": ret[r], "vol": vol[r]} for r in rows},
                           "sample_vol_nonnull": sum(1 for v in vol if v is not None)}}


STEPS = {
    "duckdb_import": ("duckdb", step_duckdb_import),
    "sqlite_cli_import": ("sqlite", step_sqlite_cli_import),
    "reference": (None, step_reference),
    "pandas_read_csv": ("pandas", step_pandas_read_csv),
    "pandas_read_csv_pyarrow": ("pandas", step_pandas_read_csv_pyarrow),
    "polars_read_csv": ("polars", step_polars_read_csv),
    "polars_returns_rolling": ("polars", step_polars_returns_rolling),
    "pandas_returns_rolling": ("pandas", step_pandas_returns_rolling),
    "duckdb_returns_rolling": ("duckdb", step_duckdb_returns_rolling),
    "polars_asof": ("polars", step_polars_asof),
    "duckdb_asof": ("duckdb", step_duckdb_asof),
    "pandas_asof": ("pandas", step_pandas_asof),
    "duckdb_one_symbol": ("duckdb", step_duckdb_one_symbol),
    "sqlite_one_symbol": ("sqlite", step_sqlite_one_symbol),
    "pandas_pipeline": ("pandas", step_pandas_pipeline),
    "polars_pipeline": ("polars", step_polars_pipeline),
    "polars_expression": ("polars", step_polars_expression),
    "pandas_expression": ("pandas", step_pandas_expression),
}
NEEDS = {  # step -> step whose success it needs
    "duckdb_returns_rolling": "duckdb_import", "duckdb_asof": "duckdb_import", "duckdb_one_symbol": "duckdb_import",
    "sqlite_one_symbol": "sqlite_cli_import",
}


def cmd_step(args):
    gc.collect()
    result = STEPS[args.name][1](args)
    with open(args.result, "w") as f:
        json.dump(result, f)


# ---------------------------------------------------------------------------------------------- run

def count_lines(path):
    n = 0
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 24)
            if not block:
                break
            n += block.count(b"\n")
    return n


def last_symbol(path):
    with open(path, "rb") as f:
        f.seek(0, os.SEEK_END)
        f.seek(max(0, f.tell() - 4096))
        lines = f.read().splitlines()
    return lines[-1].split(b",")[0].decode()


def tool_availability(only):
    versions, skipped, available = {}, [], set()
    for module in ("numpy", "pyarrow"):
        try:
            versions[module] = importlib.metadata.version(module)
        except importlib.metadata.PackageNotFoundError:
            pass
    for tool in TOOLS:
        if tool not in only:
            continue
        if tool == "sqlite":
            cli = shutil.which("sqlite3")
            if cli is None:
                skipped.append({"tool": "sqlite", "reason": "sqlite3 command-line shell not on PATH"})
                continue
            versions["sqlite3_cli"] = subprocess.run([cli, "--version"], capture_output=True,
                                                     text=True).stdout.split()[0]
            import sqlite3
            versions["sqlite3_python_module"] = sqlite3.sqlite_version
        elif importlib.util.find_spec(tool) is None:
            skipped.append({"tool": tool, "reason": "python module %s not installed" % tool})
            continue
        else:
            versions[tool] = importlib.metadata.version(tool)
        available.add(tool)
    return versions, skipped, available


def run_step(name, args, symbol):
    """Runs one step in a child process; returns (result dict or None, peak RSS bytes, error text)."""
    result_path = os.path.join(args.workdir, "step-%s.json" % name)
    if os.path.exists(result_path):
        os.remove(result_path)
    argv = [sys.executable, os.path.abspath(__file__), "_step", name, "--csv", args.csv, "--probes", args.probes,
            "--workdir", args.workdir, "--symbol", symbol, "--repeats", str(args.repeats), "--result", result_path]
    log("step %s ..." % name)
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdout=sys.stderr, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage (ru_maxrss: KiB on Linux)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    rss = usage.ru_maxrss * 1024
    if child.returncode != 0 or not os.path.exists(result_path):
        log("step %s FAILED (exit %d) after %.1f s" % (name, child.returncode, wall))
        return None, rss, "exit %d" % child.returncode
    with open(result_path) as f:
        result = json.load(f)
    os.remove(result_path)
    log("step %s done in %.1f s, peak RSS %.0f MiB" % (name, wall, rss / 2**20))
    return result, rss, None


def rel_diff(a, b):
    if a is None or b is None:
        return 0.0 if a is None and b is None else math.inf
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


def build_checks(out, private, rows, probes):
    checks = {"rows_in_csv": rows, "probes_in_csv": probes}
    problems = []
    for key, label in (("_duckdb_rows", "duckdb_rows"), ("_sqlite_rows", "sqlite_rows"),
                       ("_pandas_rows", "pandas_rows"), ("_polars_rows", "polars_rows")):
        if key in private:
            checks[label] = private[key]
            if private[key] != rows:
                problems.append("%s %d != %d rows in the CSV" % (label, private[key], rows))
    for key in ("one_symbol_rows_duckdb", "one_symbol_rows_sqlite"):
        if key in private:
            checks[key] = private[key]
    if "one_symbol_rows_duckdb" in private and "one_symbol_rows_sqlite" in private \
            and private["one_symbol_rows_duckdb"] != private["one_symbol_rows_sqlite"]:
        problems.append("one-symbol row counts differ")

    # Returns / rolling std: counts exact, sums and sample values to a relative 1e-9.
    rolling = {tool: private["_rolling_" + tool] for tool in ("polars", "pandas", "duckdb")
               if "_rolling_" + tool in private}
    reference = private.get("_reference")
    if rolling:
        checks["rolling"] = dict(rolling)
        if reference:
            checks["rolling"]["reference"] = reference
        worst = 0.0
        tools = list(rolling)
        base = rolling[tools[0]]
        for tool in tools[1:]:
            other = rolling[tool]
            for field in ("ret_nonnull", "vol_nonnull"):
                if other[field] != base[field]:
                    problems.append("rolling %s: %s %d vs %s %d" % (field, tool, other[field], tools[0], base[field]))
            worst = max(worst, rel_diff(other["ret_sum"], base["ret_sum"]), rel_diff(other["vol_sum"], base["vol_sum"]))
        for tool, got in rolling.items():
            if reference:
                for r, want in reference["sample"].items():
                    for field in ("ret", "vol"):
                        worst = max(worst, rel_diff(got["sample"].get(r, {}).get(field), want[field]))
                if got["sample_vol_nonnull"] != reference["sample_vol_nonnull"]:
                    problems.append("rolling: %s has %d non-null vol for the sample symbol, reference %d"
                                    % (tool, got["sample_vol_nonnull"], reference["sample_vol_nonnull"]))
        checks["rolling_max_rel_diff"] = worst
        checks["rolling_agree"] = worst <= 1e-9 and not any(p.startswith("rolling") for p in problems)
        if worst > 1e-9:
            problems.append("rolling values differ by a relative %.3g" % worst)

    asof = {tool: private["_asof_" + tool] for tool in ("polars", "duckdb", "pandas") if "_asof_" + tool in private}
    if asof:
        checks["asof"] = asof
        tools = list(asof)
        base = asof[tools[0]]
        agree = True
        for tool in tools[1:]:
            other = asof[tool]
            if (other["matched"] != base["matched"] or other["volume_sum"] != base["volume_sum"]
                    or other["last_matched_date"] != base["last_matched_date"]
                    or rel_diff(other["close_sum"], base["close_sum"]) > 1e-12):
                agree = False
                problems.append("as-of results differ: %s %s vs %s %s" % (tool, other, tools[0], base))
        checks["asof_agree"] = agree
        out["asof_matched"] = base["matched"]
    for key in ("_pipeline_matched_pandas", "_pipeline_matched_polars"):
        if key in private:
            checks[key[1:]] = private[key]
            if asof and private[key] != out["asof_matched"]:
                problems.append("%s %d != asof_matched %d" % (key[1:], private[key], out["asof_matched"]))
    checks["problems"] = problems
    checks["all_ok"] = not problems
    return checks


def cmd_run(args):
    args.csv, args.workdir = map(os.path.abspath, (args.csv, args.workdir))
    args.probes = os.path.abspath(args.probes) if args.probes else ""  # none in the scale run (no as-of steps)
    os.makedirs(args.workdir, exist_ok=True)
    only = [t.strip() for t in args.only.split(",") if t.strip()]
    unknown = [t for t in only if t not in TOOLS]
    if unknown:
        sys.exit("unknown tool(s) in --only: %s (known: %s)" % (", ".join(unknown), ",".join(TOOLS)))
    versions, skipped, available = tool_availability(only)
    rows = count_lines(args.csv) - 1
    probes = count_lines(args.probes) - 1 if args.probes else 0
    symbol = args.symbol
    last = last_symbol(args.csv)
    if symbol > last:  # a smaller data set: take the middle symbol instead
        symbol = "S%0*d" % (len(last) - 1, int(last[1:]) // 2)
    out = {"rows": rows, "probes": probes, "symbol": symbol, "versions": versions, "skipped": skipped,
           "python": sys.version.split()[0], "cpus": os.cpu_count()}
    private, rss, failed = {}, {}, {}
    order = ["duckdb_import", "sqlite_cli_import", "reference",
             "polars_read_csv", "pandas_read_csv", "pandas_read_csv_pyarrow",
             "polars_returns_rolling", "pandas_returns_rolling", "duckdb_returns_rolling",
             "polars_asof", "duckdb_asof", "pandas_asof",
             "duckdb_one_symbol", "sqlite_one_symbol",
             "pandas_pipeline", "polars_pipeline", "polars_expression", "pandas_expression"]
    if args.steps:
        wanted = [step.strip() for step in args.steps.split(",") if step.strip()]
        unknown = [step for step in wanted if step not in order]
        if unknown:
            sys.exit("unknown step(s) in --steps: %s (known: %s)" % (", ".join(unknown), ",".join(order)))
        order = [name for name in order if name in wanted]
    started = time.perf_counter()
    for name in order:
        tool = STEPS[name][0]
        if tool is not None and tool not in available:
            continue
        if name == "reference" and not available & {"duckdb", "pandas", "polars"}:
            continue  # only the returns/rolling checks use it
        if name == "pandas_read_csv_pyarrow" and importlib.util.find_spec("pyarrow") is None:
            skipped.append({"tool": "pandas (pyarrow engine)", "reason": "python module pyarrow not installed"})
            continue
        if NEEDS.get(name) in failed:
            skipped.append({"tool": name, "reason": "needs %s, which failed" % NEEDS[name]})
            continue
        result, peak, error = run_step(name, args, symbol)
        rss[name] = peak
        if result is None:
            failed[name] = error
            continue
        for key, value in result.items():
            (private if key.startswith("_") or key.startswith("one_symbol_rows") else out)[key] = value
    if "pandas_pipeline" in rss and "pandas_pipeline" not in failed:
        out["pandas_peak_rss_bytes"] = rss["pandas_pipeline"]
    if "polars_pipeline" in rss and "polars_pipeline" not in failed:
        out["polars_peak_rss_bytes"] = rss["polars_pipeline"]
    if "polars_expression" in rss and "polars_expression" not in failed:
        out["polars_expression_peak_rss_bytes"] = rss["polars_expression"]  # read_csv + the expression pipeline
    out["step_peak_rss_bytes"] = rss
    if failed:
        out["failed"] = failed
    out["checks"] = build_checks(out, private, rows, probes)
    out["total_wall_s"] = time.perf_counter() - started
    log("all steps done in %.1f s; checks %s" % (out["total_wall_s"], "ok" if out["checks"]["all_ok"] else
                                                 "FAILED: " + "; ".join(out["checks"]["problems"])))
    json.dump(out, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")
    return 0 if not failed and out["checks"]["all_ok"] else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write the synthetic bars CSV")
    g.add_argument("--symbols", type=int, default=1000)
    g.add_argument("--days", type=int, default=10000)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=1)
    p = sub.add_parser("generate-probes", help="write the as-of probes CSV (Symbol,Time)")
    p.add_argument("--csv", required=True)
    p.add_argument("--count", type=int, default=1_000_000)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=2)
    r = sub.add_parser("run", help="measure the peers; one JSON object on stdout")
    r.add_argument("--csv", required=True)
    r.add_argument("--probes", default="", help="the as-of probes CSV (needed by the as-of and pipeline steps)")
    r.add_argument("--workdir", required=True)
    r.add_argument("--only", default=",".join(TOOLS), help="comma-separated subset of " + ",".join(TOOLS))
    r.add_argument("--steps", default="", help="comma-separated subset of the steps (the scale run's: "
                   "duckdb_import,polars_read_csv,polars_expression)")
    r.add_argument("--symbol", default="S0500", help="symbol of the one-symbol fetch and the sample checks")
    r.add_argument("--repeats", type=int, default=20, help="runs of each one-symbol fetch (median reported)")
    s = sub.add_parser("_step")  # internal: one measurement in a child process
    s.add_argument("name", choices=sorted(STEPS))
    for flag in ("--csv", "--probes", "--workdir", "--symbol", "--result"):
        s.add_argument(flag, required=True)
    s.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    if args.command == "generate":
        cmd_generate(args)
    elif args.command == "generate-probes":
        cmd_generate_probes(args)
    elif args.command == "run":
        return cmd_run(args)
    else:
        cmd_step(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
