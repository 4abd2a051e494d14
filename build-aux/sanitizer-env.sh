# Sourced by setup-and-test.sh --sanitize (and usable by hand before
# `meson test -C _build-sanitize`): how the sanitizers report and fail.
# shellcheck shell=bash

sanitizer_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../tests/sanitizers" && pwd)"

# halt_on_error: the first finding ends the test, so it fails rather than
# scrolling past. abort_on_error: it ends in SIGABRT, which meson reports
# as a crash even for a test whose exit code is not looked at (a child).
# detect_leaks: LeakSanitizer at exit; a leak fails the test like any
# other finding. fast_unwind_on_malloc=0: GLib and GTK are built without
# frame pointers, so the fast unwinder stops at g_malloc and a leak could
# be told neither from its cause nor from a suppression; the slow one
# deadlocks only on llvmpipe's JIT frames, which the cairo renderer below
# keeps out. It costs time for every allocation, in proportion to
# malloc_context_size: 16 frames reach from GLib's allocators into ours.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:print_summary=1:fast_unwind_on_malloc=0:malloc_context_size=16:strict_string_checks=1:check_initialization_order=1"
export LSAN_OPTIONS="suppressions=$sanitizer_dir/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1:suppressions=$sanitizer_dir/ubsan.supp"
# GSK's cairo renderer draws on the CPU: the GL renderer runs mesa's
# llvmpipe, whose JIT frames cut every stack that goes through them.
export GSK_RENDERER=cairo

# The crash test kills its writer at chosen file writes, whatever the
# speed: a quarter of its 240 kills still acknowledges every kind of write,
# and the plain run does all of them. (A writer's start under ASan costs
# a tenth of a second, and each kill is followed by a check.)
export KAP_CRASH_ITERATIONS="${KAP_CRASH_ITERATIONS:-60}"
