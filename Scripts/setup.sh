#!/bin/sh
# Installs the system packages aikit builds against when they are missing (Debian/Ubuntu), then returns.
#   liblua5.4-dev  Lua 5.4 (pkg-config lua5.4)      libedit2     line editing for the REPL (opened with dlopen)
#   pkg-config     used by SwiftPM to find them     lua5.4       the peer the benchmarks compare against
#   libsqlite3-dev SQLite (pkg-config sqlite3), the market store
#   libcurl4-openssl-dev  libcurl's headers (aikit opens libcurl.so.4 itself, on the first fetch from a provider)
#   libzmq3-dev    ZeroMQ's headers and libzmq5 (aikit opens libzmq.so.5 itself when `aikit kernel` starts)
#   binutils       readelf and strip, which Scripts/package.sh uses (the Swift toolchain needs binutils anyway)
#   with --for-tests: chromium (renders the HTML report and prints it to PDF in tests), poppler-utils (pdfinfo,
#   pdftoppm and pdftotext read that PDF back), postgresql (a throwaway server for the PostgreSQL store's tests; it
#   brings libpq5), python3 (the local stand-in for the market data providers) and, from PyPI, Jupyter's own clients
#   (jupyter_client, nbclient, nbformat, nbconvert) that the kernel is tested with; the
#   tests that need them are skipped, with their reason, when they are missing
# libpq (Debian's libpq5, the PostgreSQL client) is not a build dependency: aikit opens it with dlopen when a
# PostgreSQL store is first opened, and says to install libpq5 if it is missing.
set -e
need=""
if [ "${1:-}" = "--for-tests" ] || [ "${1:-}" = "--with-browser" ]; then
    command -v chromium >/dev/null 2>&1 || need="$need chromium"
    command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
    command -v python3 >/dev/null 2>&1 || need="$need python3"
fi
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
pkg-config --exists lua5.4 2>/dev/null || need="$need liblua5.4-dev"
ls /usr/lib/*/libedit.so.2 /lib/*/libedit.so.2 2>/dev/null | grep -q . || need="$need libedit2"
pkg-config --exists sqlite3 2>/dev/null || need="$need libsqlite3-dev"
pkg-config --exists libcurl 2>/dev/null || need="$need libcurl4-openssl-dev"
[ -f /usr/include/zmq.h ] || need="$need libzmq3-dev"
command -v lua5.4 >/dev/null 2>&1 || need="$need lua5.4"
command -v readelf >/dev/null 2>&1 || need="$need binutils"
if [ -n "$need" ]; then
    echo "setup: installing$need" >&2
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null
fi
if [ "${1:-}" = "--for-tests" ] && ! python3 -c "import jupyter_client, nbclient, nbformat, nbconvert" 2>/dev/null; then
    echo "setup: installing jupyter_client nbclient nbformat nbconvert (PyPI)" >&2
    python3 -m pip install -q jupyter_client nbclient nbformat nbconvert 2>/dev/null \
        || python3 -m pip install -q --break-system-packages jupyter_client nbclient nbformat nbconvert
fi
# pandas: the reference the frame verbs are checked against (Tests/AIKitScriptingTests/FrameDifferentialTests).
if [ "${1:-}" = "--for-tests" ] && ! python3 -c "import pandas" 2>/dev/null; then
    echo "setup: installing pandas (PyPI)" >&2
    python3 -m pip install -q pandas 2>/dev/null || python3 -m pip install -q --break-system-packages pandas
fi
