/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form.h"

G_BEGIN_DECLS

struct _KapFormField
{
  KapForm       *form;          /* not owned: the form owns its fields */
  KapFormField  *parent;
  char          *name;
  KapFieldType   type;
  JsonObject    *label;
  JsonObject    *hint;
  JsonObject    *constraint_message;
  KapExpr       *relevant;
  KapExpr       *constraint;
  KapExpr       *calculate;
  KapExpr       *default_value;
  KapExpr       *required_expr;
  KapExpr       *read_only_expr;
  gboolean       required;
  gboolean       read_only;
  gboolean       merge_set;
  char          *choice_list;
  char          *appearance;
  GPtrArray     *children;
};

struct _KapForm
{
  GObject      parent_instance;

  char        *form_id;
  guint        version;
  char        *key;
  char        *record_type;
  JsonObject  *title;
  GPtrArray   *fields;             /* top level, owned */
  GHashTable  *by_name;            /* name → KapFormField, every level */
  GHashTable  *choices;            /* list name → GPtrArray of KapChoice */
  GPtrArray   *calculation_order;  /* fields with a calculation, dependencies first */
};

/* kap-form-query.c: a locale name as the tag of a text ("sr_RS.UTF-8@latin"
 * → "sr-Latn", "pt_BR" → "pt"). */
char         *kap_form_language_tag    (const char   *language) G_GNUC_WARN_UNUSED_RESULT;

/* The repeat that holds @field (at any depth), or NULL. */
KapFormField *kap_form_field_get_repeat (KapFormField *field);

/* kap-form.c: a KAP_FORM_ERROR_INVALID naming the form (and @field,
 * nullable); returns FALSE. */
gboolean      kap_form_set_error       (GError      **error,
                                        KapForm      *self,
                                        const char   *field,
                                        const char   *format,
                                        ...) G_GNUC_PRINTF (4, 5);

/* kap-form-check.c, run by loading: the expressions of @fields (and their
 * children) against the fields' types, and the calculations of @fields in
 * dependency order, appended to calculation_order (@state: field →
 * how far it is ordered). */
gboolean      kap_form_check_field_expressions (KapForm     *self,
                                                GPtrArray   *fields,
                                                GError     **error);
gboolean      kap_form_order_calculations      (KapForm     *self,
                                                GPtrArray   *fields,
                                                GHashTable  *state,
                                                GError     **error);

G_END_DECLS
