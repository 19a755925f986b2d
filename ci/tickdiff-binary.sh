# Sourced by the ci/ scripts: sets `tickdiff` to $TICKDIFF if given, else
# builds the release binary of the checkout at $root and uses it. Needs
# `root` and a `die` function.
if [ -n "${TICKDIFF:-}" ]; then
  tickdiff=$TICKDIFF
else
  (cd "$root" && cargo build --release -p harness)
  tickdiff=${CARGO_TARGET_DIR:-$root/target}/release/tickdiff
fi
[ -x "$tickdiff" ] || die "$tickdiff is not an executable"
