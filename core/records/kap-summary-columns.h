/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What a list shows of a record, declared here per record type (not by
 * the store): the store keeps these columns of every document's winner,
 * written with each revision, so that listing, filtering and searching
 * 100,000 records never parses a body. Only codes and names are kept; the
 * answers stay in the body. To add a record type, add its row to the table
 * in kap-summary-columns.c (core/HACKING.md). */

typedef enum
{
  KAP_SUMMARY_STATUS,
  KAP_SUMMARY_PRIORITY,
  KAP_SUMMARY_STAGE,
  KAP_SUMMARY_CATEGORIES,      /* codes separated by spaces */
  KAP_SUMMARY_PERSON_ID,
  KAP_SUMMARY_TITLE,
  KAP_SUMMARY_TITLE_ORIGINAL,
  KAP_SUMMARY_NAME_KEY,        /* kap_name_key() of both spellings, one a line */
  KAP_SUMMARY_UPDATED_AT,
  KAP_SUMMARY_N_COLUMNS
} KapSummaryColumn;

typedef struct
{
  char *values[KAP_SUMMARY_N_COLUMNS];  /* NULL: none */
} KapSummaryValues;

/* Fills @values from @body (NULL: a body that cannot be read, all NULL)
 * by the rules of its "type"; free them with kap_summary_values_clear(). */
void kap_summary_values_extract (JsonObject       *body,
                                 KapSummaryValues *values);
void kap_summary_values_clear   (KapSummaryValues *values);

G_END_DECLS
