/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A referral's consent (DOMAIN.md §1.4: consent to share, per service),
 * apart from kap-referrals.h so that the records service can refuse a
 * referral without it whatever form it was captured with. */

/* The form field that holds the person's consent to be referred to
 * @service ("CPG" → "consent_cpg"). Consent is asked and kept per
 * service, so consent given for one service never stands for another:
 * changing a referral's service asks again. */
char        *kap_referrals_consent_field        (const char            *service) G_GNUC_WARN_UNUSED_RESULT;

/* Whether the referral @body holds the person's consent for the service
 * it names. */
gboolean     kap_referrals_has_consent          (JsonObject            *body);

G_END_DECLS
