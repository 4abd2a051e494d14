/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-store.h"

G_BEGIN_DECLS

/* Local profiles (the sync issue, point 7): who is using this laptop.
 * Kept in the store as a _local document (never replicated). Passwords
 * and encryption come later; choosing a profile (ui/sync) is where a
 * password check will go. */

typedef enum
{
  KAP_ROLE_OFFICER,
  KAP_ROLE_SUPERVISOR,
} KapRole;

typedef struct
{
  char    *code;          /* the officer's code, e.g. "OFF-017"; goes into records */
  char    *display_name;  /* how the profile is shown on this laptop */
  KapRole  role;
} KapProfile;

#define KAP_TYPE_PROFILE (kap_profile_get_type ())
GType       kap_profile_get_type  (void) G_GNUC_CONST;
KapProfile *kap_profile_copy      (const KapProfile *profile);
void        kap_profile_free      (KapProfile       *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapProfile, kap_profile_free)

/* KapProfile items, by display name. */
GPtrArray  *kap_profiles_list     (KapStore         *store,
                                   GError          **error) G_GNUC_WARN_UNUSED_RESULT;
/* Adds or replaces the profile with that code. */
gboolean    kap_profiles_save     (KapStore         *store,
                                   const KapProfile *profile,
                                   GError          **error);
gboolean    kap_profiles_remove   (KapStore         *store,
                                   const char       *code,
                                   GError          **error);
/* Whether @role may start a sync, review records and resolve conflicts. */
gboolean    kap_role_can_supervise (KapRole          role);

G_END_DECLS
