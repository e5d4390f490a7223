#!/bin/sh
# The installed product, away from the tree it was built in: `cmake --install` into a staging prefix, then, with the
# source and build trees hidden (a tmpfs mounted over them in a private mount namespace), the installed binary runs
# from another folder: validate, render (bundled fonts, then the system's fonts-liberation2), sign, verify, archive
# add, search and verify, and a case without agency and officers rendered with an office profile.
# Usage: install_test.sh CMAKE BUILD_DIR SOURCE_DIR. Exit 77 (skipped) when mount namespaces are not permitted.
set -eu
cmake=$1
build=$(cd "$2" && pwd)
source=$(cd "$3" && pwd)

if ! unshare -m true 2>/dev/null; then
  echo "install test skipped: unshare -m is not permitted here (it needs root or user namespaces)"
  exit 77
fi

work=$(mktemp -d /tmp/vanban-install-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
stage="$work/prefix"
start=$(date +%s)
"$cmake" --install "$build" --prefix "$stage" >"$work/install.log"
for f in bin/vanban bin/vanban-serve lib/systemd/system/vanban.service share/vanban/schemas/openapi.json share/vanban/templates/qd-tha-chu-dong.vbt share/vanban/rules/law.xml share/vanban/schemas/case.xsd \
         share/vanban/fonts/LiberationSerif-Regular.ttf share/vanban/examples/chu-dong-ma-tuy.xml \
         share/man/man1/vanban.1 share/bash-completion/completions/vanban share/doc/vanban/vanban.conf.example \
         share/doc/vanban/LICENSE; do
  [ -e "$stage/$f" ] || { echo "not installed: $f"; exit 1; }
done

# Everything the run needs, made before the trees are hidden.
mkdir -p "$work/run"
cp "$source/examples/chu-dong-ma-tuy.xml" "$work/run/case.xml"
sh "$source/tests/support/make_test_pki.sh" "$work/pki" >/dev/null 2>&1
# The same case without <agency> and <officers>, and an office profile that gives them.
sed -e '/<agency>/,/<\/agency>/d' -e '/<officers>/,/<\/officers>/d' "$work/run/case.xml" >"$work/run/bare.xml"
cat >"$work/run/vanban.conf" <<CONF
[office]
place = "Thường Xuân"
address = "Khu phố 2, thị trấn Thường Xuân, huyện Thường Xuân, tỉnh Thanh Hóa"
phone = "0237 3873 215"
[[office.names]]
parent = "CỤC THI HÀNH ÁN DÂN SỰ TỈNH THANH HÓA"
name = "CHI CỤC THI HÀNH ÁN DÂN SỰ HUYỆN THƯỜNG XUÂN"
code = "CCTHADS"
[[office.officers]]
id = "truong"
name = "Lê Thị Thu Hằng"
position = "Chi cục trưởng"
[[office.officers]]
id = "pho"
name = "Cầm Bá Nguyện"
position = "Phó Chi cục trưởng"
[[office.officers]]
id = "chv"
name = "Phạm Quốc Khánh"
position = "Chấp hành viên"
card = "CHV-1187"
[archive]
store = "$work/run/kho"
CONF

cat >"$work/run/steps.sh" <<STEPS
set -eu
cd "$work/run"
v="$stage/bin/vanban"
# The trees are out of reach.
if [ -e "$source/CMakeLists.txt" ] || [ -e "$build/vanban" ]; then echo "the trees are still visible"; exit 1; fi
"\$v" --version
"\$v" validate case.xml
"\$v" templates --check
"\$v" render case.xml --template qd-tha-chu-dong -o qd.pdf --number 517 --date 24/06/2024
"\$v" --config vanban.conf render bare.xml --template qd-tha-chu-dong -o bare.pdf --number 517 --date 2024-06-24
cmp qd.pdf bare.pdf
"\$v" sign qd.pdf -o qd-1.pdf --key "$work/pki/officer.key" --cert "$work/pki/officer.pem" --time 2025-06-01T09:00:00+07:00
"\$v" verify qd-1.pdf --trust "$work/pki/ca.pem" --time 2025-06-01T10:00:00+07:00
"\$v" --config vanban.conf archive add qd-1.pdf --case case.xml --trust "$work/pki/ca.pem" --time 2025-06-01T10:00:00+07:00
"\$v" --config vanban.conf archive search "hà văn hưởng"
"\$v" --config vanban.conf archive verify --time 2025-06-01T11:00:00+07:00
# Without the bundled fonts (the Debian package), the system's fonts-liberation2 are used, byte for byte the same.
if [ -e /usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf ]; then
  rm -r "$stage/share/vanban/fonts"
  "\$v" render case.xml --template qd-tha-chu-dong -o system-fonts.pdf --number 517 --date 2024-06-24
  cmp qd.pdf system-fonts.pdf
fi
STEPS

# A private mount namespace: the tmpfs mounts vanish with it.
unshare -m sh -c "mount --make-rprivate / && mount -t tmpfs none '$source' && \
  { [ -e '$build/vanban' ] && mount -t tmpfs none '$build' || true; } && sh '$work/run/steps.sh'"
echo "install test: $(($(date +%s) - start)) s, staged $(du -sh "$stage" | cut -f1)"
