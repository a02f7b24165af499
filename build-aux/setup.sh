# Sourced by build-aux/run and build-aux/check: installs the Debian packages in
# build-aux/debian-packages.txt that are missing, and nothing else.
rd_install_packages () {
  local list="$1" missing="" pkg
  for pkg in $(grep -v '^#' "$list" | grep -v '^[[:space:]]*$'); do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0

  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing:$missing"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

rd_configure () {
  local builddir="$1"; shift
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" "$@"
  fi
}
