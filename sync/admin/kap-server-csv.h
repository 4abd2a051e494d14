/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The small CSV reader of kapija-cli server-setup's station and user
 * lists: fields separated by ',', optionally in double quotes (a quote
 * inside doubled, as RFC 4180 writes it), surrounding blanks trimmed
 * outside quotes; blank lines and lines starting with '#' are skipped.
 * Returns the rows as GStrv in a GPtrArray, each with its 1-based line
 * number in @line_numbers (a GArray of guint, may be NULL). A quote that
 * never closes is G_MARKUP_ERROR_PARSE-like: KAP_SERVER_SETUP_ERROR_INPUT
 * with the line. */
GPtrArray *kap_server_csv_parse (const char  *text,
                                 GArray     **line_numbers,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
