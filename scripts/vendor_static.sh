#!/usr/bin/env bash
# Re-fetch the vendored front-end files from the npm registry (pinned versions) into static/vendor/.
# Run it only to upgrade: the files are committed, so a fresh clone needs neither npm nor the network.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=static/vendor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() {  # package@version → $tmp/<name>/package
  local spec=$1 name=${1%@*}
  mkdir -p "$tmp/$name"
  (cd "$tmp/$name" && npm pack --silent "$spec" >/dev/null && tar xzf ./*.tgz)
}

fetch bootstrap@5.3.8
fetch bootstrap-icons@1.13.1
fetch vazirmatn@33.0.3
fetch htmx.org@2.0.7
fetch chart.js@4.5.1
fetch @majidh1/jalalidatepicker@0.9.12
fetch axe-core@4.14.1

rm -rf "$dest" && mkdir -p "$dest"/{bootstrap,bootstrap-icons/fonts,vazirmatn/fonts,htmx,chartjs,jalalidatepicker}
cp "$tmp/bootstrap/package/dist/css/bootstrap.rtl.min.css" "$tmp/bootstrap/package/dist/js/bootstrap.bundle.min.js" \
   "$tmp/bootstrap/package/LICENSE" "$dest/bootstrap/"
cp "$tmp/bootstrap-icons/package/font/bootstrap-icons.min.css" "$tmp/bootstrap-icons/package/LICENSE" "$dest/bootstrap-icons/"
cp "$tmp/bootstrap-icons/package/font/fonts/bootstrap-icons.woff2" "$tmp/bootstrap-icons/package/font/fonts/bootstrap-icons.woff" \
   "$dest/bootstrap-icons/fonts/"
cp "$tmp/vazirmatn/package/fonts/webfonts/Vazirmatn[wght].woff2" "$dest/vazirmatn/fonts/Vazirmatn-Variable.woff2"
cp "$tmp/vazirmatn/package/fonts/ttf/Vazirmatn-Regular.ttf" "$tmp/vazirmatn/package/fonts/ttf/Vazirmatn-Bold.ttf" \
   "$dest/vazirmatn/fonts/"
cp "$tmp/vazirmatn/package/OFL.txt" "$dest/vazirmatn/LICENSE" 2>/dev/null || cp "$tmp"/vazirmatn/package/LICENSE* "$dest/vazirmatn/"
cat > "$dest/vazirmatn/vazirmatn.css" <<'CSS'
@font-face {
  font-family: Vazirmatn;
  src: url("fonts/Vazirmatn-Variable.woff2") format("woff2-variations"), url("fonts/Vazirmatn-Variable.woff2") format("woff2");
  font-weight: 100 900;
  font-style: normal;
  font-display: swap;
}
CSS
cp "$tmp/htmx.org/package/dist/htmx.min.js" "$dest/htmx/"
cp "$tmp/htmx.org/package/LICENSE" "$dest/htmx/"
cp "$tmp/chart.js/package/dist/chart.umd.min.js" "$dest/chartjs/" 2>/dev/null || cp "$tmp/chart.js/package/dist/chart.umd.js" "$dest/chartjs/chart.umd.min.js"
cp "$tmp/chart.js/package/LICENSE.md" "$dest/chartjs/LICENSE.md"
jdp="$tmp/@majidh1/jalalidatepicker/package"
cp "$jdp/dist/jalalidatepicker.min.js" "$jdp/dist/jalalidatepicker.min.css" "$jdp/LICENSE" "$dest/jalalidatepicker/"
# axe-core is for the page-quality browser test only: it never ships in static/.
mkdir -p tests/browser/vendor
cp "$tmp/axe-core/package/axe.min.js" "$tmp/axe-core/package/LICENSE" tests/browser/vendor/

# The source maps are not vendored, so their comments go too: whitenoise's manifest storage refuses a file that
# references a missing one, and production would not collect its static files.
find "$dest" -type f \( -name '*.js' -o -name '*.css' \) -exec sed -i -E '/^(\/\/|\/\*)# sourceMappingURL=/d' {} +

cat > "$dest/VERSIONS.md" <<'MD'
| package | version | files | license |
|---|---|---|---|
| bootstrap | 5.3.8 | bootstrap.rtl.min.css, bootstrap.bundle.min.js | MIT |
| bootstrap-icons | 1.13.1 | bootstrap-icons.min.css, fonts/ | MIT |
| vazirmatn | 33.0.3 | variable woff2, Regular/Bold TTF (for PDFs) | OFL-1.1 |
| htmx.org | 2.0.7 | htmx.min.js | 0BSD |
| chart.js | 4.5.1 | chart.umd.min.js | MIT |
| @majidh1/jalalidatepicker | 0.9.12 | jalalidatepicker.min.js, jalalidatepicker.min.css | MIT |

Source maps are not vendored; `scripts/vendor_static.sh` removes the `sourceMappingURL` comments that name them.

Used by the tests only (tests/browser/vendor/, never served): axe-core 4.14.1, axe.min.js, MPL-2.0.
MD
echo "vendored into $dest"
