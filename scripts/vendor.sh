#!/usr/bin/env bash
# Fetch the page's third-party files with `npm pack` (the registry's own tarballs, no CDN at
# run time) and copy the few files the page serves into wirescope/service/static/vendor/, each
# package with its licence. Run it again to refresh them; commit what it writes.
#
#   leaflet                 the map (BSD-2-Clause)
#   leaflet.markercluster   clustering of dense markers (MIT)
#   topojson-client         TopoJSON -> GeoJSON in the browser (ISC)
#   world-atlas             Natural Earth country outlines at 1:50m as TopoJSON (ISC; the
#                           Natural Earth data itself is in the public domain)
#   swagger-ui-dist         the OpenAPI browser served at /docs (Apache-2.0)
set -euo pipefail
cd "$(dirname "$0")/.."

LEAFLET=1.9.4
MARKERCLUSTER=1.5.3
TOPOJSON_CLIENT=3.1.0
WORLD_ATLAS=2.0.2
SWAGGER_UI=5.35.0

VENDOR=wirescope/service/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# unpack NAME VERSION: npm pack the package and unpack it into $WORK/NAME/package.
unpack() {
    mkdir -p "$WORK/$1"
    (cd "$WORK/$1" && npm pack --silent "$1@$2" >/dev/null && tar xzf ./*.tgz)
}

# take NAME FILE...: copy files (relative to the package root) into $VENDOR/NAME.
take() {
    local name=$1
    shift
    mkdir -p "$VENDOR/$name"
    for file in "$@"; do
        mkdir -p "$VENDOR/$name/$(dirname "$file")"
        cp "$WORK/$name/package/$file" "$VENDOR/$name/$file"
    done
}

rm -rf "$VENDOR"
unpack leaflet "$LEAFLET"
take leaflet LICENSE dist/leaflet.js dist/leaflet.css dist/images/layers.png \
    dist/images/layers-2x.png dist/images/marker-icon.png dist/images/marker-icon-2x.png \
    dist/images/marker-shadow.png
unpack leaflet.markercluster "$MARKERCLUSTER"
take leaflet.markercluster MIT-LICENCE.txt dist/leaflet.markercluster.js \
    dist/MarkerCluster.css dist/MarkerCluster.Default.css
unpack topojson-client "$TOPOJSON_CLIENT"
take topojson-client LICENSE dist/topojson-client.min.js
unpack world-atlas "$WORLD_ATLAS"
take world-atlas LICENSE README.md countries-50m.json
unpack swagger-ui-dist "$SWAGGER_UI"
take swagger-ui-dist LICENSE NOTICE swagger-ui-bundle.js swagger-ui.css

# The versions as served, for the licence notice and for anyone checking what the page runs.
cat >"$VENDOR/VERSIONS" <<VERSIONS
leaflet $LEAFLET
leaflet.markercluster $MARKERCLUSTER
topojson-client $TOPOJSON_CLIENT
world-atlas $WORLD_ATLAS
swagger-ui-dist $SWAGGER_UI
VERSIONS
echo "vendored into $VENDOR:" && du -sh "$VENDOR"
