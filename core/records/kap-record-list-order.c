/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-list"

#include "config.h"

#include "kap-record-list-private.h"

/* The order of the records list once a search ranks it or it is grouped
 * by person (kap-record-list.c filters; this only sorts what passed). */

typedef struct
{
  double   score;
  guint    first;
  gboolean has_head;
} Group;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const KapRecordListEntry *entry_a = a;
  const KapRecordListEntry *entry_b = b;

  if (entry_a->group_score != entry_b->group_score)
    return entry_a->group_score > entry_b->group_score ? -1 : 1;
  if (entry_a->group_first != entry_b->group_first)
    return entry_a->group_first < entry_b->group_first ? -1 : 1;
  /* The same group: the person, then the records, newest first. */
  if (entry_a->head != entry_b->head)
    return entry_a->head ? -1 : 1;
  if (entry_a->index != entry_b->index)
    return entry_a->index < entry_b->index ? -1 : 1;

  return 0;
}

void
kap_record_list_order (GArray   *entries,
                       gboolean  group_by_person)
{
  g_autoptr(GHashTable) groups = NULL;

  if (!group_by_person)
    {
      /* Each row is a group of its own. */
      for (guint i = 0; i < entries->len; i++)
        {
          KapRecordListEntry *entry = &g_array_index (entries, KapRecordListEntry, i);

          entry->group_score = entry->score;
          entry->group_first = entry->index;
          entry->nested = FALSE;
        }

      g_array_sort (entries, compare_entries);
      return;
    }

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* Entries come newest first, so a group's first entry is its newest. */
  for (guint i = 0; i < entries->len; i++)
    {
      KapRecordListEntry *entry = &g_array_index (entries, KapRecordListEntry, i);
      Group *group = g_hash_table_lookup (groups, entry->group);

      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->first = entry->index;
          g_hash_table_insert (groups, (gpointer) entry->group, group);
        }
      group->score = MAX (group->score, entry->score);
      group->has_head |= entry->head;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      KapRecordListEntry *entry = &g_array_index (entries, KapRecordListEntry, i);
      Group *group = g_hash_table_lookup (groups, entry->group);

      entry->group_score = group->score;
      entry->group_first = group->first;
      /* Under the person only when the person's row is in the list too
       * (a filter on screenings leaves the screenings alone). */
      entry->nested = !entry->head && group->has_head;
    }

  g_array_sort (entries, compare_entries);
}
