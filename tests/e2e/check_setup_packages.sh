#!/usr/bin/env bash
# Every find_package/pkg_check_modules call in CMakeLists.txt names its Debian package in a
# trailing comment, and scripts/setup installs each of them. Fails naming what is missing.
set -euo pipefail
root=${1:?usage: check_setup_packages.sh PROJECT_DIR}
status=0
calls=$(grep -E '^\s*(find_package|pkg_check_modules)\(' "$root/CMakeLists.txt")
[[ -n "$calls" ]] || { echo "no find_package calls found in $root/CMakeLists.txt"; exit 1; }
setup_packages=$(sed -n '/^PACKAGES=(/,/^)/p' "$root/scripts/setup" | tr -s ' \n' '\n')
while IFS= read -r call; do
  name=$(sed -E 's/^\s*(find_package|pkg_check_modules)\(([A-Za-z0-9_-]+).*/\2/' <<<"$call")
  [[ "$name" == Threads ]] && continue  # part of the C library
  package=$(sed -nE 's/.*#\s*([a-z0-9.+-]+).*/\1/p' <<<"$call")
  if [[ -z "$package" ]]; then
    echo "CMakeLists.txt: $name has no '# <debian-package>' comment"; status=1; continue
  fi
  if ! grep -qx -- "$package" <<<"$setup_packages"; then
    echo "scripts/setup does not install $package (needed by $name)"; status=1
  fi
done <<<"$calls"
[[ $status -eq 0 ]] && echo "every package CMakeLists.txt needs is in scripts/setup"
exit $status
