/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A row of the records list that passed the filter, as the ordering of
 * kap-record-list-order.c sees it: the list's own row stays opaque. */
typedef struct
{
  gpointer    row;
  double      score;        /* how well it matches the search; 1 without one */
  guint       index;        /* its place newest first */
  const char *group;        /* the person it belongs to (its own id for a person, or a record about nobody) */
  gboolean    head;         /* it is that person */
  /* Filled by kap_record_list_order(). */
  double      group_score;
  guint       group_first;
  gboolean    nested;       /* shown under its person */
} KapRecordListEntry;

/* Sorts @entries (KapRecordListEntry) in the order shown: best score
 * first, then newest first. With @group_by_person, a person and the
 * records about them stay together, the person first and the records
 * under it newest first; groups come in the order of their best score,
 * then of their newest change. */
void kap_record_list_order (GArray   *entries,
                            gboolean  group_by_person);

G_END_DECLS
