#!/bin/sh
# Builds aikit for analysts who have no Swift toolchain: a Debian package and a tarball, in dist/ (gitignored).
#   sh Scripts/package.sh           build dist/aikit_<version>_<arch>.deb and dist/aikit-<version>-linux-<arch>.tar.gz
#   sh Scripts/package.sh --check   the same, then the round trip: install the .deb with dpkg, run the main job and
#                                   `aikit kernel install` from an empty folder with a fresh HOME, check the man page
#                                   and the bash completion, remove the package and check nothing of it is left; then
#                                   the same for the tarball unpacked into a temporary prefix. Exits 1 on a failure.
# The release binary is built in the default scratch folder (.build/release): it shares .build's checkout of
# swift-argument-parser, so packaging needs no network once `swift build` has run. The man page comes from
# swift-argument-parser's generate-manual tool (built from that checkout), the completions from
# `aikit --generate-completion-script`. Needs dpkg-deb and gzip (Debian's dpkg and gzip, always installed), readelf
# (binutils, which the Swift toolchain needs) and, for --check, root or sudo.
# Layout (docs/install.md): /usr/bin/aikit; /usr/share/aikit/{sample,Plugins,Scripts,kernel};
# /usr/share/jupyter/kernels/aikit -> ../../aikit/kernel; the man page; bash/zsh/fish completions;
# /usr/share/doc/aikit/copyright. The tarball holds the same tree under aikit-<version>-linux-<arch>/ without usr/.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
check=0
case "${1:-}" in
--check) check=1 ;;
"") ;;
*)
    echo "usage: sh Scripts/package.sh [--check]" >&2
    exit 2
    ;;
esac
fail() {
    echo "package.sh: $*" >&2
    exit 1
}
for tool in dpkg-deb gzip readelf tar; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (install it: apt-get install dpkg gzip binutils tar)"
done
umask 022
started=$(date +%s)
# --check installs and removes the package, so before the long build: the rights to, and no aikit package already
# installed (the round trip would replace it, then remove it).
if [ "$check" -eq 1 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || fail "--check installs the package with dpkg: run it as root or install sudo"
        SUDO="sudo"
    fi
    if dpkg-query -W -f='${Status}' aikit 2>/dev/null | grep -q 'install ok installed'; then
        fail "an aikit package is already installed; --check installs and removes its own, so remove it first" \
            "(sudo dpkg -r aikit)"
    fi
fi

# 1. The release binary (-static-stdlib, as Package.swift configures it) and the man page generator.
echo "package.sh: building the release binary (swift build -c release --product aikit)" >&2
swift build -c release --product aikit >&2 || fail "the release build failed (see the compiler's output above)"
swift build -c release --product generate-manual >&2 || fail "building swift-argument-parser's generate-manual failed"
bin=$(swift build -c release --show-bin-path)
binary="$bin/aikit"
[ -x "$binary" ] || fail "no release binary at $binary"
version=$("$binary" --version) || fail "$binary --version failed"
case "$version" in
[0-9]*.[0-9]*) ;;
*) fail "unexpected version '$version' from $binary --version" ;;
esac
arch=$(dpkg --print-architecture)
machine=$(uname -m)

# Depends from the binary itself: every shared library it needs (DT_NEEDED) must be one this list knows, so a new
# link dependency fails here instead of shipping a package that cannot start. The Swift runtime is linked in
# statically (-static-stdlib): a libswift* here means the release link changed.
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for library in $needed; do
    case "$library" in
    liblua5.4.so.0) ;;                                                # liblua5.4-0
    libc.so.6 | libm.so.6 | libdl.so.2 | libpthread.so.0 | librt.so.1) ;; # libc6
    libstdc++.so.6) ;;                                                # libstdc++6
    libgcc_s.so.1) ;;                                                 # libgcc-s1
    ld-linux*.so.*) ;;                                                # libc6
    *) fail "the release binary needs $library, which the package's Depends do not cover (Scripts/package.sh)" ;;
    esac
done
# The newest glibc symbol version the binary uses is the libc6 it needs.
glibc=$(readelf -V "$binary" | sed -n 's/.*Name: GLIBC_\([0-9.]*\).*/\1/p' | sort -t. -k1,1n -k2,2n -k3,3n | tail -1)
[ -n "$glibc" ] || fail "cannot read the glibc version $binary needs (readelf -V)"
depends="libc6 (>= $glibc), liblua5.4-0"
echo "$needed" | grep -q '^libstdc++' && depends="$depends, libstdc++6"
echo "$needed" | grep -q '^libgcc_s' && depends="$depends, libgcc-s1"
# Opened with dlopen, so readelf does not see them:
#   libsqlite3-0  Depends: every market store, market.sample() included (the main job), is SQLite.
#   libcurl4      Recommends: only fetching from providers (aikit fetch/update, --live) opens it.
#   libzmq5       Recommends: only the Jupyter kernel (aikit kernel) opens it.
#   libedit2      Recommends: line editing and history in the terminal REPL.
#   libpq5        Suggests: the PostgreSQL store, for teams.
#   chromium      Suggests: PDF reports (--pdf).
depends="$depends, libsqlite3-0"
recommends="libcurl4, libzmq5, libedit2"
suggests="libpq5, chromium"

# 2. The tree, staged as it is installed.
dist="$root/dist"
stage="$dist/stage"
rm -rf "$stage"
usr="$stage/deb/usr"
share="$usr/share/aikit"
mkdir -p "$usr/bin" "$share" "$usr/share/man/man1" "$usr/share/doc/aikit" \
    "$usr/share/bash-completion/completions" "$usr/share/zsh/vendor-completions" \
    "$usr/share/fish/vendor_completions.d" "$usr/share/jupyter/kernels"
cp "$binary" "$usr/bin/aikit"
strip --strip-unneeded "$usr/bin/aikit" 2>/dev/null || true
cp -R Sources/MarketData/Resources/sample "$share/sample"
mkdir -p "$share/Plugins" "$share/Scripts"
cp -R Plugins/. "$share/Plugins/"
cp Scripts/*.lua Scripts/analysis.ipynb "$share/Scripts/"
cp -R Scripts/types Scripts/examples "$share/Scripts/"
# The kernelspec Jupyter finds system-wide (and `aikit kernel install` writes per user), started as /usr/bin/aikit.
HOME="$stage/home" "$usr/bin/aikit" kernel install --prefix "$stage/kernel" >/dev/null \
    || fail "aikit kernel install --prefix failed while staging the kernelspec"
mv "$stage/kernel/share/jupyter/kernels/aikit" "$share/kernel"
sed 's|"argv":\["[^"]*"|"argv":["/usr/bin/aikit"|' "$share/kernel/kernel.json" >"$stage/kernel.json"
mv "$stage/kernel.json" "$share/kernel/kernel.json"
grep -q '"argv":\["/usr/bin/aikit","kernel"' "$share/kernel/kernel.json" \
    || fail "the staged kernel.json does not start /usr/bin/aikit"
ln -s ../../aikit/kernel "$usr/share/jupyter/kernels/aikit"
# The man page: one aikit.1 with every subcommand, generated from ArgumentParser's description of the commands,
# dated by the last commit (so the same tree gives the same page).
mkdir -p "$stage/man"
date=$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)
"$bin/generate-manual" "$usr/bin/aikit" --output-directory "$stage/man" --section 1 --date "$date" \
    --authors "the aikit authors" >/dev/null || fail "generate-manual failed"
[ -s "$stage/man/aikit.1" ] || fail "generate-manual wrote no aikit.1"
gzip -9n <"$stage/man/aikit.1" >"$usr/share/man/man1/aikit.1.gz"
"$usr/bin/aikit" --generate-completion-script bash >"$usr/share/bash-completion/completions/aikit"
"$usr/bin/aikit" --generate-completion-script zsh >"$usr/share/zsh/vendor-completions/_aikit"
"$usr/bin/aikit" --generate-completion-script fish >"$usr/share/fish/vendor_completions.d/aikit.fish"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: aikit"
    echo ""
    echo "Files: *"
    echo "Copyright: the aikit authors"
    echo "License: Apache-2.0"
    echo " The full text follows; the bundled sample's sources are in /usr/share/aikit/sample/SOURCES.md."
    echo ""
    echo "License: Apache-2.0"
    sed 's/^$/./; s/^/ /' LICENSE
} >"$usr/share/doc/aikit/copyright"
find "$stage/deb" -type d -exec chmod 755 {} +
find "$stage/deb" -type f -exec chmod 644 {} +
chmod 755 "$usr/bin/aikit"

# 3. The Debian package.
mkdir -p "$stage/deb/DEBIAN"
size=$(du -sk "$usr" | cut -f1)
cat >"$stage/deb/DEBIAN/control" <<EOF
Package: aikit
Version: $version
Architecture: $arch
Maintainer: the aikit authors <aikit@localhost>
Installed-Size: $size
Depends: $depends
Recommends: $recommends
Suggests: $suggests
Section: science
Priority: optional
Description: Lua-scriptable analytics for the AI industry
 Market data, training and serving cost models and US export-control
 compliance, scripted in Lua 5.4. Ships the bundled sample of daily bars,
 example scripts and plugins, the LuaLS annotations of the Lua API and a
 Jupyter kernel.
EOF
deb="$dist/aikit_${version}_$arch.deb"
rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --build "$stage/deb" "$deb" >/dev/null || fail "dpkg-deb --build failed"

# 4. The tarball: the same tree without usr/ (bin/aikit finds share/aikit beside its folder) and without the
# system-wide kernelspec link (`aikit kernel install` writes one that starts this copy by its path).
name="aikit-$version-linux-$machine"
tarball="$dist/$name.tar.gz"
mkdir -p "$stage/tar/$name"
cp -R "$usr/." "$stage/tar/$name/"
rm -rf "$stage/tar/$name/share/jupyter"
mv "$stage/tar/$name/share/zsh/vendor-completions" "$stage/tar/$name/share/zsh/site-functions"
sed 's|"argv":\["[^"]*"|"argv":["aikit"|' "$stage/tar/$name/share/aikit/kernel/kernel.json" >"$stage/kernel.json"
mv "$stage/kernel.json" "$stage/tar/$name/share/aikit/kernel/kernel.json"
tar -C "$stage/tar" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name" || fail "tar failed"
rm -rf "$stage"
echo "package.sh: built $deb and $tarball (aikit $version; Depends: $depends)" >&2
echo "package.sh: build took $(($(date +%s) - started)) s" >&2
[ "$check" -eq 1 ] || exit 0

# 5. The round trip, from an empty folder outside the checkout, with a fresh HOME and no XDG_* variables.
work=$(mktemp -d "${TMPDIR:-/tmp}/aikit-package-check.XXXXXX")
installed=0
cleanup() {
    if [ "$installed" -eq 1 ]; then $SUDO dpkg --purge aikit >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
checked=$(date +%s)

# Runs a command in $work/cwd (an empty folder) with only HOME=$work/home, PATH and LANG set.
fresh() {
    (cd "$work/cwd" && env -i HOME="$work/home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@")
}
# A fresh HOME and working folder for each round trip.
reset_home() {
    rm -rf "$work/home" "$work/cwd"
    mkdir -p "$work/home" "$work/cwd"
}
# check_install AIKIT SHARE MANDIR BASHCOMPLETION: the main job, the kernelspec, the man page and the completion.
check_install() {
    aikit=$1
    data=$2
    reset_home
    fresh "$aikit" script "$data/Scripts/analysis.lua" >"$work/out" 2>"$work/err" \
        || fail "the main job failed with the $3 install: $aikit script $data/Scripts/analysis.lua: $(cat "$work/err")"
    grep -q 'NVDA' "$work/out" || fail "the main job's output (with the $3 install) does not mention NVDA"
    grep -q "The sample's stocks by sector" "$work/out" \
        || fail "the main job (with the $3 install) did not run on the sample"
    written=$(find "$work/home" "$work/cwd" -mindepth 1)
    [ -z "$written" ] || fail "the main job (with the $3 install) wrote into HOME or the working folder: $written"
    fresh "$aikit" kernel install >/dev/null 2>"$work/err" \
        || fail "aikit kernel install failed with the $3 install: $(cat "$work/err")"
    spec="$work/home/.local/share/jupyter/kernels/aikit/kernel.json"
    [ -f "$spec" ] || fail "aikit kernel install (with the $3 install) wrote no $spec under the fresh HOME"
    grep -q "\"$aikit\"" "$spec" || fail "$spec does not start $aikit: $(cat "$spec")"
    # (the interpreter itself, not a pyenv shim, which would look for its versions under the fresh HOME)
    if python=$(python3 -c "import jupyter_client, sys; print(sys.executable)" 2>/dev/null); then
        fresh "$python" -c '
import sys
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="aikit", startup_timeout=60)
try:
    reply = kc.execute_interactive("print(6 * 7)", timeout=60, output_hook=lambda m: sys.stdout.write(
        m["content"].get("text", "")))
    sys.exit(0 if reply["content"]["status"] == "ok" else 1)
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
' >"$work/out" 2>"$work/err" || fail "Jupyter could not run a cell on the installed kernel ($3): $(cat "$work/err")"
        grep -qx 42 "$work/out" || fail "the installed kernel ($3) printed '$(cat "$work/out")', not 42"
    else
        echo "package.sh: jupyter_client is missing, so the kernel was installed but not started" >&2
    fi
    [ -f "$4/man1/aikit.1.gz" ] || fail "no man page at $4/man1/aikit.1.gz ($3 install)"
    if command -v man >/dev/null 2>&1; then
        page=$(fresh man -M "$4" -w aikit 2>/dev/null) || fail "man -M $4 -w aikit finds no page ($3 install)"
        [ "$page" = "$4/man1/aikit.1.gz" ] || fail "man -w aikit found $page, not $4/man1/aikit.1.gz"
    fi
    touch "$work/cwd/job.lua"
    # bash's completion asked as bash asks it on TAB after "LINE " (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT)
    for words in "aikit|script" "aikit script|job.lua" "aikit kernel|install"; do
        line=${words%|*}
        expected=${words#*|}
        replies=$(cd "$work/cwd" && bash -c '. "$1" && complete -p aikit >/dev/null || exit 3
            read -r -a COMP_WORDS <<< "$2"; COMP_WORDS+=(""); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            COMP_LINE="$2 "; COMP_POINT=${#COMP_LINE}
            _aikit aikit "" "${COMP_WORDS[COMP_CWORD-1]}" && printf "%s\n" "${COMPREPLY[@]}"' bash "$5" "$line") \
            || fail "the bash completion $5 does not load or fails ($3 install)"
        printf '%s\n' "$replies" | grep -qx "$expected" \
            || fail "bash completion of '$line <TAB>' does not offer $expected ($3 install): $replies"
    done
}

echo "package.sh: --check: installing $deb with dpkg" >&2
$SUDO dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || {
    installed=1
    fail "dpkg -i $deb failed (missing dependencies? sh Scripts/setup.sh installs them): $(cat "$work/dpkg.log")"
}
installed=1
[ "$(command -v aikit)" = /usr/bin/aikit ] || fail "aikit on PATH is $(command -v aikit), not /usr/bin/aikit"
check_install /usr/bin/aikit /usr/share/aikit .deb /usr/share/man /usr/share/bash-completion/completions/aikit
dpkg -L aikit >"$work/files"
$SUDO dpkg --purge aikit >"$work/dpkg.log" 2>&1 || fail "dpkg --purge aikit failed: $(cat "$work/dpkg.log")"
installed=0
while read -r path; do
    case "$path" in
    /usr/share/aikit* | /usr/share/doc/aikit* | /usr/share/jupyter/kernels/aikit | /usr/bin/aikit | *aikit.1.gz | \
        */completions/aikit | */_aikit | */aikit.fish)
        if [ -e "$path" ] || [ -L "$path" ]; then fail "dpkg --purge aikit left $path behind"; fi
        ;;
    esac
done <"$work/files"
[ "$(grep -c . "$work/files")" -gt 20 ] || fail "dpkg -L aikit listed too few files: $(cat "$work/files")"
echo "package.sh: --check: the .deb installed, ran and was removed cleanly" >&2

echo "package.sh: --check: unpacking $tarball into a temporary prefix" >&2
prefix="$work/prefix"
mkdir -p "$prefix"
tar -C "$prefix" --strip-components=1 -xzf "$tarball" || fail "cannot unpack $tarball"
check_install "$prefix/bin/aikit" "$prefix/share/aikit" tarball "$prefix/share/man" \
    "$prefix/share/bash-completion/completions/aikit"
rm -rf "$prefix"
[ ! -e "$prefix" ] || fail "cannot remove the unpacked tarball at $prefix"
echo "package.sh: --check passed in $(($(date +%s) - checked)) s (total $(($(date +%s) - started)) s)" >&2
