#!/usr/bin/env bash
# Installs Ralph (France Université Numérique's xAPI LRS, `ralph-malph` on PyPI) into its own
# virtual environment, .venv-ralph at the repository root, for the end-to-end tests.
# Idempotent: when the venv already holds exactly these pins it only checks and says so (about 1 s).
# Needs python3 >= 3.9 with the venv module (Debian: python3-venv) and access to PyPI.
# A fresh install takes about 20 s. Usage: packaging/install-ralph.sh   (PYTHON=... to choose)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-ralph"
python="${PYTHON:-python3}"

# ralph-malph 5.1.0 pins its LRS dependencies exactly but not pydantic & co; the whole set is pinned
# to what the tests were run with. `requests` is imported by Ralph without being declared.
requirements="ralph-malph[lrs,cli]==5.1.0
requests==2.34.2"
constraints="annotated-types==0.8.0
anyio==4.16.0
bcrypt==4.2.0
cachetools==5.5.0
certifi==2026.10.19.post1
charset-normalizer==3.5.3
click==8.2.0
click-option-group==0.5.10
dnspython==2.9.2
ecdsa==0.19.2
email-validator==2.4.0
fastapi==0.114.2
h11==0.16.0
httpcore==1.0.9
httptools==0.9.0
httpx==0.28.1
idna==3.20
importlib-metadata==8.5.0
langcodes==3.5.1
pyasn1==0.6.5
pydantic==2.14.4
pydantic-core==2.50.5
pydantic-settings==2.16.3
python-dotenv==1.2.4
python-jose==3.3.0
pyyaml==6.0.4
rfc3987==1.3.8
rsa==4.9.1
sentry-sdk==2.14.0
six==1.17.0
starlette==0.38.6
typing-extensions==4.16.0
typing-inspection==0.4.5
urllib3==2.8.0
uvicorn==0.30.6
uvloop==0.23.0
watchfiles==1.3.0
websockets==17.4
zipp==4.1.2"

stamp="$venv/.cartable-ralph-stamp"
wanted_stamp="$(printf '%s\n%s\n' "$requirements" "$constraints" | sha256sum | cut -d' ' -f1)"

# Importing the app needs a backend name Ralph can load; `fs` is the one the tests use.
check() {
    RALPH_RUNSERVER_BACKEND=fs RALPH_APP_DIR="$(mktemp -d)" \
        "$venv/bin/python" -c "import requests, uvicorn, bcrypt, ralph.api" >/dev/null 2>&1
}

if [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted_stamp" ]] && check; then
    echo "install-ralph: up to date in $venv"
    exit 0
fi

if [[ ! -x "$venv/bin/python" ]]; then
    if ! "$python" -m venv "$venv"; then
        echo "install-ralph: '$python -m venv $venv' failed (on Debian: apt-get install python3-venv)" >&2
        exit 1
    fi
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$requirements" >"$tmp/requirements.txt"
printf '%s\n' "$constraints" >"$tmp/constraints.txt"
rm -f "$stamp"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -r "$tmp/requirements.txt" -c "$tmp/constraints.txt"

if ! check; then
    echo "install-ralph: installed, but Ralph's LRS app does not import in $venv" >&2
    exit 1
fi
echo "$wanted_stamp" >"$stamp"
echo "install-ralph: $("$venv/bin/ralph" --version) in $venv"
