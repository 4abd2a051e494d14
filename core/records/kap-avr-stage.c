/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-avr-stage"

#include "config.h"

#include "kap-avr-stage.h"

static const char * const stages[] = {
  "EOI", "COUNSELLING", "ELIGIBILITY", "APPLIED", "DOCS", "MED_CLEAR", "CLEARED",
  "BOOKED", "DEPARTED", "ARRIVED", "REINTEGRATION", "MONITORING", "CLOSED",
  "WITHDRAWN", "INELIGIBLE", "WHEREABOUTS_UNKNOWN", "REFERRED_PROTECTION",
  NULL
};

/* Moves besides staying put. A person may withdraw until departure; a
 * protection need may surface while counselling is still going on; only
 * the eligibility check can find a case ineligible; medical clearance is
 * skipped when no medical assistance is needed; a person whose
 * whereabouts became unknown may come back to counselling. */
static const struct {
  const char *from;
  const char *to[6];
} moves[] = {
  { "EOI",                 { "COUNSELLING", "WITHDRAWN", "WHEREABOUTS_UNKNOWN", "REFERRED_PROTECTION" } },
  { "COUNSELLING",         { "ELIGIBILITY", "WITHDRAWN", "WHEREABOUTS_UNKNOWN", "REFERRED_PROTECTION" } },
  { "ELIGIBILITY",         { "APPLIED", "INELIGIBLE", "WITHDRAWN", "WHEREABOUTS_UNKNOWN", "REFERRED_PROTECTION" } },
  { "APPLIED",             { "DOCS", "WITHDRAWN", "WHEREABOUTS_UNKNOWN", "REFERRED_PROTECTION" } },
  { "DOCS",                { "MED_CLEAR", "CLEARED", "WITHDRAWN", "WHEREABOUTS_UNKNOWN" } },
  { "MED_CLEAR",           { "CLEARED", "WITHDRAWN", "WHEREABOUTS_UNKNOWN" } },
  { "CLEARED",             { "BOOKED", "WITHDRAWN", "WHEREABOUTS_UNKNOWN" } },
  { "BOOKED",              { "DEPARTED", "WITHDRAWN", "WHEREABOUTS_UNKNOWN" } },
  { "DEPARTED",            { "ARRIVED" } },
  { "ARRIVED",             { "REINTEGRATION", "CLOSED" } },
  { "REINTEGRATION",       { "MONITORING", "CLOSED" } },
  { "MONITORING",          { "CLOSED" } },
  { "WHEREABOUTS_UNKNOWN", { "COUNSELLING", "CLOSED" } },
};

const char * const *
kap_avr_stage_all (void)
{
  return stages;
}

gboolean
kap_avr_stage_is_valid (const char *stage)
{
  return stage != NULL && g_strv_contains (stages, stage);
}

gboolean
kap_avr_stage_is_final (const char *stage)
{
  return g_strcmp0 (stage, "CLOSED") == 0 || g_strcmp0 (stage, "WITHDRAWN") == 0 ||
         g_strcmp0 (stage, "INELIGIBLE") == 0 || g_strcmp0 (stage, "REFERRED_PROTECTION") == 0;
}

gboolean
kap_avr_stage_can_move (const char *from,
                        const char *to)
{
  if (!kap_avr_stage_is_valid (to))
    return FALSE;

  if (from == NULL)
    return g_str_equal (to, "EOI");

  if (!kap_avr_stage_is_valid (from))
    return FALSE;

  if (g_str_equal (from, to))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    if (g_str_equal (moves[i].from, from))
      for (guint j = 0; j < G_N_ELEMENTS (moves[i].to) && moves[i].to[j]; j++)
        if (g_str_equal (moves[i].to[j], to))
          return TRUE;

  return FALSE;
}

char **
kap_avr_stage_next (const char *from)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (from == NULL || !kap_avr_stage_is_valid (from))
    {
      g_strv_builder_add (builder, "EOI");
      return g_strv_builder_end (builder);
    }

  g_strv_builder_add (builder, from);
  for (guint i = 0; stages[i]; i++)
    if (!g_str_equal (stages[i], from) && kap_avr_stage_can_move (from, stages[i]))
      g_strv_builder_add (builder, stages[i]);

  return g_strv_builder_end (builder);
}
