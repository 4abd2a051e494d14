/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

/* The harness every fuzz target shares (kap-fuzz.c defines
 * LLVMFuzzerInitialize()): a g_error()'s SIGTRAP becomes an abort that
 * libFuzzer reports, every warning and critical is fatal (input must never
 * reach a g_return_if_fail() or a g_warning()), and the debug, info and
 * message logs are dropped so that a long run prints only libFuzzer's own
 * lines. A target only defines LLVMFuzzerTestOneInput(). */

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);

/* The input as a NUL-terminated string (it may hold NULs of its own; most
 * of Kapija's readers take a C string and so read up to the first). */
char *kap_fuzz_strndup       (const uint8_t *data,
                              size_t         size) G_GNUC_WARN_UNUSED_RESULT;

/* The fixed "today" of every evaluation, so that a crash reproduces on any
 * day. */
const GDate *kap_fuzz_today  (void);

G_END_DECLS
