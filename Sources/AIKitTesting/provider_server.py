#!/usr/bin/env python3
"""A local stand-in for the market data providers, for aikit's fetch tests: a real HTTP server on 127.0.0.1 that
answers FMP's, Yahoo's, Stooq's and FRED's endpoints in their documented response shapes, built from the bundled
sample's real values (Sources/MarketData/Resources/sample; see README.md here for how each shape is made), plus the
bad answers a provider gives.

    python3 provider_server.py SAMPLE_FOLDER      prints "PORT <n>" and serves until killed

Paths: /fmp/stable/..., /yahoo/v8/finance/chart/SYMBOL, /stooq/q/d/l/, /fred/fred/series/observations.
Valid keys: FMP "test-fmp-key-1234", FRED "test-fred-key-5678"; any other key gets the provider's refusal.
Symbols that misbehave (on every provider where they make sense):
  FORBIDDEN 403 · RATE 429 Retry-After: 1 once, then NVDA's data · RATELONG 429 Retry-After: 3600 ·
  FLAKY 500 once, then NVDA's data · DOWN 503 always · BADJSON malformed JSON · TRUNC a body cut short ·
  HTML an HTML page with status 200 · STALL answers after 5 s · EMPTY an empty list · BADROW a row with high < low ·
  ECHO an error that repeats the request's query (and so its key) · RETRYHUGE / RETRYINF / RETRYFAR 429 with
  Retry-After 1e20 / inf / a date in the year 300000000000 · REDIRECT 302 to the same request on another host
  (localhost) · REDIRSAME 302 once to the same request on this host, then NVDA's data · OTHERSYM (FMP) AMD's rows, closes 10% higher ·
  FUTURE NVDA's rows and one dated 2100-01-04 (Yahoo: a timestamp of 9.2e18) · BIGEMPTY (FMP) 3 MB of [{},{},…]
Unknown symbols get what each provider sends for them. A path may start with /t-TAG/ (one tag per test, so tests
running side by side keep their own request logs and one-time faults); GET /_log?tag=TAG lists that tag's requests.
"""
import csv
import datetime
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

sys.dont_write_bytecode = True  # (nothing written into the source tree)
import compliance_sources  # beside this file  # noqa: E402

SAMPLE = sys.argv[1]
FMP_KEY = "test-fmp-key-1234"
FRED_KEY = "test-fred-key-5678"
# FMP's sectors stood in for by the sample's sector SPDR ETF daily % changes (sector_daily_pct_change.csv).
SECTOR_ETFS = {
    "Technology": "XLK", "Communication Services": "XLC", "Consumer Cyclical": "XLY", "Consumer Defensive": "XLP",
    "Energy": "XLE", "Financial Services": "XLF", "Healthcare": "XLV", "Industrials": "XLI",
    "Basic Materials": "XLB", "Real Estate": "XLRE", "Utilities": "XLU",
}
# FRED series that are the sample's index closes.
FRED_SERIES = {"SP500": "^GSPC", "NASDAQCOM": "^IXIC"}
# NVIDIA's dividend of $0.01 (ex-date 2024-12-05) and its 10-for-1 split (2024-06-10), as Yahoo reports events.
EVENTS = {"NVDA": {"dividends": [("2024-12-05", 0.01)], "splits": [("2024-06-10", 10, 1)]}}

log = []  # {"tag", "path", "query"} per request
counters = {}
lock = threading.Lock()


def bars(symbol):
    path = os.path.join(SAMPLE, symbol + ".csv")
    if not os.path.exists(path):
        return None
    def number(text, kind=float):  # ^SOX has closes only: its other fields are empty (None, JSON null)
        return kind(text) if text else None
    with open(path) as f:
        return [{"date": r["Date"], "open": number(r["Open"]), "high": number(r["High"]), "low": number(r["Low"]),
                 "close": number(r["Close"]), "volume": number(r["Volume"], int)} for r in csv.DictReader(f)]


def sectors():
    with open(os.path.join(SAMPLE, "sector_daily_pct_change.csv")) as f:
        return list(csv.DictReader(f))


def securities():
    with open(os.path.join(SAMPLE, "securities.csv")) as f:
        return {r["Symbol"]: r for r in csv.DictReader(f)}


def in_range(date, start, end):
    return (not start or date >= start) and (not end or date <= end)


def first_time(name):
    """True the first time `name` is asked for (the fault is then cleared)."""
    with lock:
        counters[name] = counters.get(name, 0) + 1
        return counters[name] == 1


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", headers=None):
        data = body if isinstance(body, bytes) else (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def fault(self, symbol, data_symbol_ok=True):
        """Answers a misbehaving symbol; returns the symbol whose data to serve, or None when answered."""
        if symbol == "FORBIDDEN":
            self.send(403, {"Error Message": "Exclusive Endpoint : This endpoint is not available under your current subscription"})
        elif symbol == "RATE":
            if first_time(self.tag + self.path.split("?")[0] + symbol):
                self.send(429, {"Error Message": "Limit Reach . Please upgrade your plan"}, headers={"Retry-After": "1"})
            else:
                return "NVDA"
        elif symbol == "RATELONG":
            self.send(429, {"Error Message": "Limit Reach . Please upgrade your plan"}, headers={"Retry-After": "3600"})
        elif symbol == "FLAKY":
            if first_time(self.tag + self.path.split("?")[0] + symbol):
                self.send(500, "Internal Server Error", "text/plain")
            else:
                return "NVDA"
        elif symbol == "DOWN":
            self.send(503, "<html><body>Service Unavailable</body></html>", "text/html")
        elif symbol == "BADJSON":
            self.send(200, '[{"symbol": "BADJSON", "date": "2025-01-02", "open": 1')
        elif symbol == "TRUNC":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'[{"symbol": "TRUNC", "date": "2025-01-02", "open": 1.0, ')
            self.wfile.flush()
            self.close_connection = True
        elif symbol == "HTML":
            self.send(200, "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>checking your "
                           "browser</body></html>", "text/html; charset=UTF-8")
        elif symbol == "STALL":
            time.sleep(5)
            self.send(200, "[]")
        elif symbol in ("RETRYHUGE", "RETRYINF", "RETRYFAR"):
            wait = {"RETRYHUGE": "1e20", "RETRYINF": "inf", "RETRYFAR": "Wed, 21 Oct 300000000000 07:28:00 GMT"}[symbol]
            self.send(429, {"Error Message": "Limit Reach"}, headers={"Retry-After": wait})
        elif symbol == "REDIRECT":
            target = self.path.replace(symbol, symbol + "-AFTER")
            self.send(302, "", "text/plain", headers={"Location": f"http://localhost:{self.server.server_address[1]}{target}"})
        elif symbol == "REDIRSAME":
            if first_time(self.tag + self.path.split("?")[0] + symbol):
                port = self.server.server_address[1]
                self.send(302, "", "text/plain", headers={"Location": f"http://127.0.0.1:{port}{self.path}&hop=1"})
            else:
                return "NVDA"
        elif symbol == "ECHO":
            self.send(400, {"Error Message": "cannot parse request " + self.path})
        else:
            return symbol
        return None

    def do_GET(self):
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path == "/_log":
            with lock:
                return self.send(200, [e for e in log if e["tag"] == query.get("tag", "")])
        path, tag = parts.path, ""
        if path.startswith("/t-"):
            tag, _, rest = path[3:].partition("/")
            path = "/" + rest
        self.tag = tag
        with lock:
            log.append({"tag": tag, "path": path, "query": query})
        parts = parts._replace(path=path)
        route = parts.path.split("/")
        if parts.path.startswith("/fmp/stable/"):
            return self.fmp(parts.path[len("/fmp/stable/"):], query)
        if parts.path.startswith("/yahoo/v8/finance/chart/"):
            return self.yahoo(unquote(route[-1]), query)
        if parts.path == "/stooq/q/d/l/":
            return self.stooq(query)
        if parts.path == "/fred/fred/series/observations":
            return self.fred(query)
        if compliance_sources.handle(self, parts.path, query):  # /csl/, /opensanctions/, /federalregister/
            return
        self.send(404, "<html><title>404 Not Found</title></html>", "text/html")

    # Financial Modeling Prep, stable API.
    def fmp(self, endpoint, q):
        if q.get("apikey") != FMP_KEY:
            return self.send(401, {"Error Message": "Invalid API KEY. Feel free to create a Free API Key or visit "
                                   "https://site.financialmodelingprep.com/faqs?search=why-is-my-api-key-invalid for more information."})
        if endpoint == "historical-price-eod/full":
            symbol = self.fault(q.get("symbol", ""))
            if symbol is None:
                return
            if symbol == "EMPTY":
                return self.send(200, [])
            if symbol == "BIGEMPTY":
                return self.send(200, "[" + ",".join(["{}"] * 1_000_000) + "]")
            rows = bars({"OTHERSYM": "AMD", "FUTURE": "NVDA"}.get(symbol, symbol)) or []
            out = []
            for r in reversed(rows):  # FMP lists newest first
                if in_range(r["date"], q.get("from"), q.get("to")):
                    out.append({"symbol": "AMD" if symbol == "OTHERSYM" else q["symbol"], "date": r["date"], "open": r["open"], "high": r["high"],
                                "low": r["low"], "close": r["close"], "volume": r["volume"],
                                "change": round(r["close"] - r["open"], 4) if r["open"] else None,
                                "changePercent": round((r["close"] - r["open"]) / r["open"] * 100, 5) if r["open"] else None})
            if symbol == "OTHERSYM":  # AMD's rows with other closes: stored, they would overwrite AMD's
                out = [dict(r, close=round(r["close"] * 1.1, 4), high=round(max(r["high"], r["close"] * 1.1), 4))
                       for r in out]
            if symbol == "FUTURE":
                out.insert(0, dict(out[0], date="2100-01-04"))
            if symbol == "BADROW" or (q["symbol"] == "BADROW"):
                out = [{"symbol": "BADROW", "date": "2025-01-02", "open": 10, "high": 9, "low": 11, "close": 10, "volume": 5}]
            return self.send(200, out)
        if endpoint == "historical-price-eod/dividend-adjusted":
            symbol = self.fault(q.get("symbol", ""))
            if symbol is None:
                return
            # The sample's closes are dividend-adjusted already (SOURCES.md): they are this endpoint's adjClose.
            out = [{"symbol": q["symbol"], "date": r["date"], "adjOpen": r["open"], "adjHigh": r["high"],
                    "adjLow": r["low"], "adjClose": r["close"], "volume": r["volume"]}
                   for r in reversed(bars(symbol) or []) if in_range(r["date"], q.get("from"), q.get("to"))]
            return self.send(200, out)
        if endpoint == "historical-sector-performance":
            sector = q.get("sector", "")
            if self.fault(sector) is None:
                return
            etf = SECTOR_ETFS.get(sector)
            if etf is None:
                return self.send(200, [])
            exchange = q.get("exchange", "NYSE")
            out = [{"date": r["Date"], "sector": sector, "exchange": exchange, "averageChange": float(r[etf])}
                   for r in reversed(sectors()) if in_range(r["Date"], q.get("from"), q.get("to"))]
            return self.send(200, out)
        if endpoint == "sector-performance-snapshot":
            day = q.get("date", "")
            exchange = q.get("exchange", "NYSE")
            out = [{"date": r["Date"], "sector": s, "exchange": exchange, "averageChange": float(r[e])}
                   for r in sectors() if r["Date"] == day for s, e in SECTOR_ETFS.items()]
            return self.send(200, out)
        if endpoint == "profile":
            symbol = self.fault(q.get("symbol", ""))
            if symbol is None:
                return
            found = securities().get(symbol)
            if found is None or found["Kind"] == "index":  # FMP's profiles are of companies and funds
                return self.send(200, [])
            return self.send(200, [{"symbol": symbol, "companyName": found["Name"], "currency": found["Currency"],
                                    "exchange": found["Exchange"], "industry": found["Industry"],
                                    "sector": found["Sector"], "isEtf": found["Kind"] == "etf", "isFund": False,
                                    "isActivelyTrading": True}])
        self.send(404, {"Error Message": "Endpoint not found"})

    # Yahoo Finance chart API.
    def yahoo(self, symbol, q):
        served = self.fault(symbol)
        if served is None:
            return
        rows = bars("NVDA" if served == "FUTURE" else served)
        if rows is None or served == "EMPTY":
            return self.send(404, {"chart": {"result": None, "error": {
                "code": "Not Found", "description": "No data found, symbol may be delisted"}}})
        start = datetime.datetime.fromtimestamp(int(q.get("period1", "0")), datetime.timezone.utc).date().isoformat()
        end_exclusive = datetime.datetime.fromtimestamp(int(q.get("period2", "9999999999")), datetime.timezone.utc).date()
        end = (end_exclusive - datetime.timedelta(days=1)).isoformat()
        rows = [r for r in rows if in_range(r["date"], start, end)]

        def stamp(date, hour=14, minute=30):  # the 09:30 New York open in UTC (EST, the window's winter months)
            d = datetime.date.fromisoformat(date)
            return int(datetime.datetime(d.year, d.month, d.day, hour, minute, tzinfo=datetime.timezone.utc).timestamp())

        result = {"meta": {"currency": "USD", "symbol": symbol, "exchangeName": "NMS", "fullExchangeName": "NasdaqGS",
                           "instrumentType": "INDEX" if symbol.startswith("^") else "EQUITY",
                           "gmtoffset": -18000, "timezone": "EST", "exchangeTimezoneName": "America/New_York",
                           "dataGranularity": "1d"}}
        if rows:
            result["timestamp"] = [stamp(r["date"]) for r in rows]
            if served == "FUTURE":
                result["timestamp"][-1] = 9200000000000000000
            result["indicators"] = {
                "quote": [{k: [r[k] for r in rows] for k in ("open", "high", "low", "close", "volume")}],
                "adjclose": [{"adjclose": [r["close"] for r in rows]}]}
        else:
            result["indicators"] = {"quote": [{}], "adjclose": [{}]}
        events = {}
        for kind, items in EVENTS.get(served, {}).items():
            for item in items:
                if in_range(item[0], start, end):
                    t = stamp(item[0])
                    entry = {"amount": item[1], "date": t} if kind == "dividends" else \
                        {"date": t, "numerator": item[1], "denominator": item[2], "splitRatio": f"{item[1]}:{item[2]}"}
                    events.setdefault(kind, {})[str(t)] = entry
        if events:
            result["events"] = events
        self.send(200, {"chart": {"result": [result], "error": None}})

    # Stooq daily CSV download.
    def stooq(self, q):
        s = q.get("s", "")
        symbol = s.upper().removesuffix(".US")
        served = self.fault(symbol)
        if served is None:
            return
        rows = bars(served) if served != "EMPTY" else None
        if rows is None:
            return self.send(200, "No data", "text/plain")

        def iso(compact):
            return f"{compact[:4]}-{compact[4:6]}-{compact[6:]}" if compact else None

        lines = ["Date,Open,High,Low,Close,Volume"] + [
            ",".join([r["date"]] + ["" if r[k] is None else str(r[k]) for k in ("open", "high", "low", "close", "volume")])
            for r in rows if in_range(r["date"], iso(q.get("d1")), iso(q.get("d2")))]
        self.send(200, "\r\n".join(lines) + "\r\n", "text/csv")

    # FRED series observations.
    def fred(self, q):
        if q.get("api_key") != FRED_KEY:
            return self.send(400, {"error_code": 400, "error_message": "Bad Request.  The value for variable api_key is "
                                   "not registered.  Read https://fred.stlouisfed.org/docs/api/api_key.html for more information."})
        series = q.get("series_id", "")
        if self.fault(series) is None:
            return
        source = FRED_SERIES.get(series)
        if source is None:
            return self.send(400, {"error_code": 400, "error_message": "Bad Request.  The series does not exist."})
        closes = {r["date"]: r["close"] for r in bars(source)}
        start, end = q.get("observation_start"), q.get("observation_end")
        # FRED's daily index series list every weekday; market holidays have the value ".".
        day = datetime.date.fromisoformat(min(closes))
        last = datetime.date.fromisoformat(max(closes))
        observations = []
        today = datetime.date.today().isoformat()  # the current vintage, as FRED reports it
        while day <= last:
            iso = day.isoformat()
            if day.weekday() < 5 and in_range(iso, start, end):
                value = closes.get(iso)
                observations.append({"realtime_start": today, "realtime_end": today, "date": iso,
                                     "value": "." if value is None else f"{value:.2f}"})
            day += datetime.timedelta(days=1)
        self.send(200, {"realtime_start": today, "realtime_end": today,
                        "observation_start": start or "1600-01-01", "observation_end": end or "9999-12-31",
                        "units": "lin", "output_type": 1, "file_type": "json", "order_by": "observation_date",
                        "sort_order": "asc", "count": len(observations), "offset": 0, "limit": 100000,
                        "observations": observations})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print("PORT", server.server_address[1], flush=True)
server.serve_forever()
