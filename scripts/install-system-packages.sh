#!/bin/sh
# Installs the Debian packages the tests need, only when missing:
# chromium for the browser tests, nginx for the serving test, openssl for the
# mail server's certificate in the e-mail test, and for the PDF
# (scripts/handbook_pdf.py, WeasyPrint) Pango, HarfBuzz's subsetter and the
# DejaVu fonts, which publishing needs too.
set -eu
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "install-system-packages: missing$missing; run as root or install with apt-get" >&2
    exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
