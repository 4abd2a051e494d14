/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-profiles.h"
#include "kap-context.h"

G_BEGIN_DECLS

/* One of the supervisor's pages, shown by KapWindow in place of the
 * records (the sync issue, points 7-9). Each page has its own header bar;
 * "Back" activates the window action win.show-records. */

/* Who is using the laptop: a first-run form when the store has no
 * profile, else the list of profiles. Signal "profile-chosen"
 * (KapProfile *). With @settings (nullable) the first run also stores the
 * station code there, and the chooser puts the last used profile first. */
#define KAP_TYPE_PROFILES_PAGE (kap_profiles_page_get_type ())
G_DECLARE_FINAL_TYPE (KapProfilesPage, kap_profiles_page, KAP, PROFILES_PAGE, AdwBin)

/* The store and settings are @context's. */
GtkWidget  *kap_profiles_page_new         (KapContext      *context);
/* Reads the profiles again; @can_cancel shows a Cancel button (there is a
 * profile signed in already). */
void        kap_profiles_page_reload      (KapProfilesPage *self,
                                           gboolean         can_cancel);
/* What is shown: "first-run" (the form, also for Add Profile…) or
 * "chooser". */
const char *kap_profiles_page_get_visible_name (KapProfilesPage *self);
/* The profiles listed (KapProfile), in the chooser's order: the last used
 * first. */
GPtrArray  *kap_profiles_page_get_profiles (KapProfilesPage *self);
/* What the form says is wrong, or NULL when it says nothing. */
const char *kap_profiles_page_get_error_text (KapProfilesPage *self);

G_END_DECLS
