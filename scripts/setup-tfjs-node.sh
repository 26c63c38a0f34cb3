#!/usr/bin/env bash
# Make the native TensorFlow backend (@tensorflow/tfjs-node) loadable.
#
#   bash scripts/setup-tfjs-node.sh        # after `npm ci`; idempotent
#   REQUIRE_NATIVE=1 bash scripts/...      # fail (exit 1) if native stays unavailable
#
# 1. If `require('@tensorflow/tfjs-node')` already works with backend 'tensorflow': done.
# 2. Else run tfjs-node's own installer (downloads libtensorflow 2.9.1 from
#    storage.googleapis.com, builds the binding). Where that host is reachable, done.
# 3. Else take libtensorflow from the tensorflow-cpu wheel on PyPI (through python3's
#    pip, so PIP_INDEX_URL / pip.conf apply; cached in .cache/tfjs-node/), unpack its
#    C API library and headers into tfjs-node's deps/, build the binding with npm's
#    node-gyp against local Node headers, and check that it loads.
# If all fail, say why and exit 0 (wasm stays the default) unless REQUIRE_NATIVE=1.
#
# Settings (environment): TFJS_NODE_TF_VERSION (wheel version, default below),
# TFJS_NODE_SKIP_DOWNLOAD=1 (skip step 2).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/node_modules/@tensorflow/tfjs-node"
CACHE="$ROOT/.cache/tfjs-node"
# 2.12 is the first tensorflow-cpu wheel whose C API lives in a Python-free library
# (tensorflow/libtensorflow_cc.so.2). Up to 2.11 the TF_*/TFE_* symbols sit only in
# _pywrap_tensorflow_internal.so, which needs libpython symbols and cannot be dlopen'ed
# by Node. 2.12.1 exports every TF_*/TFE_* function tfjs-node 4.22's binding calls.
TF_VERSION="${TFJS_NODE_TF_VERSION:-2.12.1}"
# The wheel is only unpacked, never imported: any CPython tag works; 3.10 has all versions.
WHEEL_PYTHON="3.10"
WHEEL_PLATFORM="manylinux2014_x86_64"
# Name tfjs-node's install.js checks before downloading (deps-constants.js).
MARKER_VERSION="2.9.1"

log() { echo "[setup-tfjs-node] $*"; }
REASON=""
# Records why a step failed (first line, at most 300 characters).
fail_step() { REASON="$(printf '%s' "$*" | head -n1 | cut -c1-300)"; return 1; }

cd "$ROOT" || exit 1
export PATH="$ROOT/node_modules/.bin:$PATH"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/common.gypi ]; then
  export npm_config_nodedir=/usr  # node-gyp: use local headers, never download them
fi

# probe: prints the TensorFlow version when the binding loads with backend 'tensorflow'.
probe() {
  node -e "
    const tf = require('@tensorflow/tfjs-node');
    if (tf.getBackend() !== 'tensorflow') throw new Error('backend is ' + tf.getBackend());
    const s = tf.tidy(() => tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).sum().dataSync()[0]);
    if (s !== 12) throw new Error('matMul check gave ' + s);
    console.log(tf.backend().binding.TF_Version);
  " 2>"$CACHE/probe.err"
}

finish_unavailable() {
  log "native backend UNAVAILABLE: $1 (wasm stays the default backend)"
  if [ "${REQUIRE_NATIVE:-0}" = "1" ]; then
    log "REQUIRE_NATIVE=1, so this is an error"
    exit 1
  fi
  exit 0
}

mkdir -p "$CACHE"
if [ ! -f "$PKG/package.json" ]; then
  finish_unavailable "@tensorflow/tfjs-node is not installed in node_modules (run npm ci)"
fi

log "step 1/3: checking whether @tensorflow/tfjs-node already loads"
if v="$(probe)"; then
  log "native backend ready: tensorflow (libtensorflow $v)"
  exit 0
fi

# --- step 2: tfjs-node's own installer -------------------------------------------------
own_install() {
  if [ "${TFJS_NODE_SKIP_DOWNLOAD:-0}" = "1" ]; then
    fail_step "skipped (TFJS_NODE_SKIP_DOWNLOAD=1)"; return 1
  fi
  # install.js rewrites its package.json and only restores it on success.
  cp "$PKG/package.json" "$CACHE/tfjs-node-package.json.bak"
  local rc=0
  (cd "$PKG" && timeout 900 node scripts/install.js) >"$CACHE/own-install.log" 2>&1 || rc=$?
  cp "$CACHE/tfjs-node-package.json.bak" "$PKG/package.json.tmp" && mv -f "$PKG/package.json.tmp" "$PKG/package.json"
  if [ "$rc" -ne 0 ]; then
    fail_step "install.js exit $rc: $(grep -m1 -E '^[A-Za-z]*Error:' "$CACHE/own-install.log" | sed 's/^ *//')"
    return 1
  fi
  probe >/dev/null || { fail_step "install.js finished but the binding does not load: $(tail -n1 "$CACHE/probe.err")"; return 1; }
}

if [ -e "$PKG/deps/lib/libtensorflow.so.$MARKER_VERSION" ]; then
  log "step 2/3: rebuilding the binding with tfjs-node's own installer against the existing deps/"
else
  log "step 2/3: trying tfjs-node's own installer (libtensorflow $MARKER_VERSION from storage.googleapis.com)"
fi
if own_install; then
  log "native backend ready: tensorflow (libtensorflow $(probe))"
  exit 0
fi
log "tfjs-node's installer did not give a working binding: $REASON"

# --- step 3: libtensorflow from the tensorflow-cpu wheel -------------------------------
fetch_wheel() {
  WHEEL="$(ls "$CACHE"/tensorflow_cpu-"$TF_VERSION"-*.whl 2>/dev/null | head -n1)"
  if [ -n "$WHEEL" ]; then log "using cached wheel $(basename "$WHEEL")"; return 0; fi
  command -v python3 >/dev/null || { fail_step "python3 not found (needed for pip download)"; return 1; }
  local tmp="$CACHE/download.tmp.$$"
  rm -rf "$tmp"
  log "downloading tensorflow-cpu==$TF_VERSION with pip (python $WHEEL_PYTHON, $WHEEL_PLATFORM wheel)"
  if ! python3 -m pip download --quiet --no-deps --only-binary=:all: \
      --python-version "$WHEEL_PYTHON" --platform "$WHEEL_PLATFORM" \
      --dest "$tmp" "tensorflow-cpu==$TF_VERSION" >"$CACHE/pip.log" 2>&1; then
    rm -rf "$tmp"
    fail_step "pip download tensorflow-cpu==$TF_VERSION failed: $(grep -m1 ERROR "$CACHE/pip.log" | sed 's/ (from versions:.*//')"; return 1
  fi
  local got; got="$(ls "$tmp"/*.whl | head -n1)"
  mv -f "$got" "$CACHE/" && rm -rf "$tmp"
  WHEEL="$CACHE/$(basename "$got")"
  log "wheel saved: $(basename "$WHEEL") ($(( $(stat -c %s "$WHEEL") / 1000000 )) MB)"
}

# Unpack into deps.tmp, then swap it in: deps/ is either the old tree or the new one.
unpack_deps() {
  local stage="$PKG/deps.tmp.$$"
  rm -rf "$stage"
  log "unpacking the C API library, libtensorflow_framework and C headers into deps/"
  if ! python3 - "$WHEEL" "$stage" "$MARKER_VERSION" >"$CACHE/unpack.log" 2>&1 <<'PY'
# Wheel layout -> tfjs-node deps/ layout. argv: wheel, stage dir, version install.js expects.
import hashlib, os, shutil, sys, zipfile
wheel, stage, marker = sys.argv[1:4]
LIBS = {"tensorflow/libtensorflow_cc.so.2": "libtensorflow_cc.so.2",
        "tensorflow/libtensorflow_framework.so.2": "libtensorflow_framework.so.2"}
# Header closure of binding/*.cc (g++ -M): tensorflow/c, tsl/c and the ctstring headers.
HEADER_DIRS = ("tensorflow/c/", "tensorflow/tsl/c/", "tensorflow/core/platform/",
               "tensorflow/tsl/platform/")
INC = "tensorflow/include/"
with zipfile.ZipFile(wheel) as z:
    names = set(z.namelist())
    if "tensorflow/libtensorflow_cc.so.2" not in names:
        sys.exit("this wheel has no tensorflow/libtensorflow_cc.so.2 (its C API is only in "
                 "_pywrap_tensorflow_internal.so, which needs libpython): use tensorflow-cpu>=2.12")
    def put(member, dest):
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with z.open(member) as src, open(dest + ".tmp", "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
        os.replace(dest + ".tmp", dest)
    for member, name in LIBS.items():
        put(member, os.path.join(stage, "lib", name))
    headers = [n for n in names if n.startswith(INC) and n.endswith(".h")
               and n[len(INC):].startswith(HEADER_DIRS)]
    for n in headers:
        put(n, os.path.join(stage, "include", n[len(INC):]))
lib = os.path.join(stage, "lib")
links = {"libtensorflow.so": "libtensorflow_cc.so.2",            # -ltensorflow
         "libtensorflow.so.2": "libtensorflow_cc.so.2",
         "libtensorflow_framework.so": "libtensorflow_framework.so.2",  # -ltensorflow_framework
         f"libtensorflow.so.{marker}": "libtensorflow_cc.so.2",   # install.js: "already downloaded"
         f"libtensorflow_framework.so.{marker}": "libtensorflow_framework.so.2"}
for link, target in links.items():
    os.symlink(target, os.path.join(lib, link))
sha = hashlib.sha256()
with open(wheel, "rb") as f:
    for block in iter(lambda: f.read(1 << 20), b""):
        sha.update(block)
with open(os.path.join(stage, "PROVENANCE.txt"), "w") as f:
    f.write(f"wheel: {os.path.basename(wheel)}\nsha256: {sha.hexdigest()}\n"
            f"libtensorflow.so.{marker} is a link to the wheel's libtensorflow_cc.so.2 "
            f"(name kept so tfjs-node's install.js does not re-download)\n")
print(f"{len(LIBS)} libraries, {len(headers)} headers")
PY
  then
    rm -rf "$stage"
    fail_step "unpacking $(basename "$WHEEL"): $(tail -n1 "$CACHE/unpack.log")"; return 1
  fi
  rm -rf "$PKG/deps" && mv "$stage" "$PKG/deps"
}

find_node_gyp() {
  local npm_dir
  NODE_GYP="${npm_config_node_gyp:-}"
  [ -n "$NODE_GYP" ] && [ -f "$NODE_GYP" ] && return 0
  npm_dir="$(dirname "$(readlink -f "$(command -v npm)")")/.."
  NODE_GYP="$npm_dir/node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$NODE_GYP" ] || { fail_step "node-gyp not found beside npm ($NODE_GYP)"; return 1; }
}

# make (which node-gyp's gyp generates Makefiles for) cannot handle paths with spaces and a
# few other characters. Such a checkout builds in a copy of binding/ under /tmp whose deps/ is
# a link to the real one; the rpath $ORIGIN/../../deps/lib does not depend on where it was built.
needs_plain_path() { case "$1" in *[[:space:]\#\$:=%]*) return 0 ;; *) return 1 ;; esac; }

# Build into lib.tmp/napi-vN (the rpath $ORIGIN/../../deps/lib holds there too), then swap.
build_binding() {
  find_node_gyp || return 1
  local target napi stage="$PKG/lib.tmp.$$" src="$PKG" out plain=""
  target="$(node -p "require('@mapbox/node-pre-gyp').find(require.resolve('@tensorflow/tfjs-node/package.json'))")" \
    || { fail_step "node-pre-gyp could not compute the binding path"; return 1; }
  napi="$(basename "$(dirname "$target")")"   # napi-v8 on Node 20
  out="$stage/$napi"
  if needs_plain_path "$PKG"; then
    plain="$(mktemp -d /tmp/lw-tfjs-node-build.XXXXXX)" || { fail_step "cannot create a build folder in /tmp"; return 1; }
    cp -R "$PKG/binding" "$PKG/binding.gyp" "$PKG/package.json" "$plain/" && ln -s "$PKG/deps" "$plain/deps" \
      || { rm -rf "$plain"; fail_step "cannot copy the binding sources to $plain"; return 1; }
    src="$plain"
    out="$plain/out/$napi"
    log "the path has spaces or other characters make cannot handle: building in $plain"
  fi
  log "building tfjs_binding.node ($napi) with node-gyp $(node "$NODE_GYP" --version) (nodedir=${npm_config_nodedir:-download})"
  rm -rf "$stage"
  if ! (cd "$src" && node "$NODE_GYP" rebuild \
        --module_name=tfjs_binding --module_path="$out" \
        --napi_build_version="${napi#napi-v}" -j 2) >"$CACHE/build.log" 2>&1; then
    rm -rf "$stage" ${plain:+"$plain"}
    fail_step "node-gyp build failed, see $CACHE/build.log: $(grep -m1 -E 'error' "$CACHE/build.log")"; return 1
  fi
  if [ -n "$plain" ]; then
    mkdir -p "$stage" && mv "$out" "$stage/$napi" && rm -rf "$plain"
  fi
  rm -rf "$PKG/lib" && mv "$stage" "$PKG/lib"
}

provision_from_wheel() {
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) ;;
    *) fail_step "the PyPI fallback is written for Linux x86_64 only, not $(uname -s)-$(uname -m)"; return 1 ;;
  esac
  fetch_wheel && unpack_deps && build_binding || return 1
  log "verifying that require('@tensorflow/tfjs-node') loads with backend 'tensorflow'"
  probe >/dev/null || { fail_step "built, but the binding does not load: $(grep -m1 -E 'Error' "$CACHE/probe.err")"; return 1; }
}

log "step 3/3: provisioning libtensorflow from the PyPI wheel tensorflow-cpu==$TF_VERSION"
start=$SECONDS
if provision_from_wheel; then
  log "native backend ready: tensorflow (libtensorflow $(probe)), provisioned in $((SECONDS - start)) s"
  exit 0
fi
finish_unavailable "$REASON"
