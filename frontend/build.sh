#!/usr/bin/env bash
# Build Bridgework's front-end assets from the pinned npm packages.
#
# The outputs are committed, so installing/running the app needs pip only and
# no page loads anything from the internet. Re-run this after changing
# frontend/src/*.scss or package.json, and commit the results:
#
#   bridgework/core/static/bridgework/css/bridgework.css   (from src/bridgework.scss)
#   bridgework/core/static/bridgework/js/govuk-frontend.min.js
#   bridgework/core/static/bridgework/js/moj-frontend.min.js
#   bridgework/core/static/bridgework/js/htmx.min.js
#   bridgework/core/static/bridgework/images/<icons referenced by the CSS>
#   tests/browser/vendor/axe.min.js
#
# Hand-written (not generated, never overwritten here):
#   bridgework/core/static/bridgework/js/bridgework.js
#   bridgework/core/static/bridgework/images/favicon.svg
#
# Idempotent: safe to run repeatedly; same inputs give the same outputs.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

STATIC=../bridgework/core/static/bridgework
VENDOR_TESTS=../tests/browser/vendor
GOVUK=node_modules/govuk-frontend
MOJ=node_modules/@ministryofjustice/frontend

npm ci --no-audit --no-fund

mkdir -p "$STATIC/css" "$STATIC/js" "$STATIC/images" "$VENDOR_TESTS"

version() { node -p "require('./$1/package.json').version"; }

# --- CSS -------------------------------------------------------------------
# --pkg-importer=node resolves "pkg:govuk-frontend" etc.; --load-path=. lets
# MOJ Frontend find "node_modules/govuk-frontend/..." as it expects.
# GOV.UK Frontend 5 still uses @import, hence the silenced deprecations.
node_modules/.bin/sass \
  --pkg-importer=node \
  --load-path=. \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --silence-deprecation=import \
  src/bridgework.scss "$STATIC/css/bridgework.css"

# --- JS --------------------------------------------------------------------
# Source maps are not shipped, so drop their sourceMappingURL comments (a
# dangling one makes ManifestStaticFilesStorage fail in collectstatic).
copy_js() { # src dest banner
  { printf '/*! %s */\n' "$3"; sed -E 's~[/][/][#@] sourceMappingURL=[^[:space:]]*$~~' "$1"; } > "$2.tmp"
  mv "$2.tmp" "$2"
}
copy_js "$GOVUK/dist/govuk/govuk-frontend.min.js" "$STATIC/js/govuk-frontend.min.js" \
  "govuk-frontend $(version "$GOVUK") | MIT licence | Crown copyright"
copy_js "$MOJ/moj/moj-frontend.min.js" "$STATIC/js/moj-frontend.min.js" \
  "@ministryofjustice/frontend $(version "$MOJ") | MIT licence | Crown copyright"
copy_js node_modules/htmx.org/dist/htmx.min.js "$STATIC/js/htmx.min.js" \
  "htmx.org $(version node_modules/htmx.org) | 0BSD licence"

# axe-core for the browser tests (keeps its own MPL-2.0 header).
cp node_modules/axe-core/axe.min.js "$VENDOR_TESTS/axe.min.js"

# --- Images ----------------------------------------------------------------
# Copy exactly the images the compiled CSS references (MOJ component icons).
# Crown/crest artwork is never copied: the build fails if the CSS asks for it.
refs=$(grep -o 'url([^)]*)' "$STATIC/css/bridgework.css" \
  | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' | sort -u)
for ref in $refs; do
  case "$ref" in
    ../images/*) name=${ref#../images/} ;;
    data:*) continue ;;
    *) echo "build.sh: unexpected url() in CSS: $ref" >&2; exit 1 ;;
  esac
  case "$name" in
    *crest*|*crown*|*govuk-logotype*) echo "build.sh: CSS references crown artwork: $name" >&2; exit 1 ;;
  esac
  found=""
  for dir in "$MOJ/moj/assets/images" "$GOVUK/dist/govuk/assets/images"; do
    if [[ -f "$dir/$name" ]]; then found="$dir/$name"; break; fi
  done
  if [[ -z "$found" ]]; then
    echo "build.sh: image referenced by CSS not found in packages: $name" >&2
    exit 1
  fi
  cp "$found" "$STATIC/images/$name"
done

# --- Sanity checks ---------------------------------------------------------
if grep -q 'GDS Transport' "$STATIC/css/bridgework.css"; then
  echo "build.sh: GDS Transport leaked into the CSS" >&2; exit 1
fi
if grep -q '@font-face' "$STATIC/css/bridgework.css"; then
  echo "build.sh: unexpected @font-face in the CSS" >&2; exit 1
fi
for js in govuk-frontend moj-frontend; do
  if ! grep -q 'initAll' "$STATIC/js/$js.min.js" || ! grep -q 'export{' "$STATIC/js/$js.min.js"; then
    echo "build.sh: $js.min.js is not the expected ES module bundle" >&2; exit 1
  fi
done

echo "build.sh: built assets in bridgework/core/static/bridgework/ and tests/browser/vendor/"
