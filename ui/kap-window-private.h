/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-context.h"
#include "kap-new-person-dialog.h"
#include "kap-person-chooser.h"
#include "kap-profiles-page.h"
#include "kap-record-list.h"
#include "kap-record-pane.h"
#include "kap-records.h"
#include "kap-records-page.h"
#include "kap-sync-banner.h"
#include "kap-window.h"

G_BEGIN_DECLS

/* Shared by kap-window.c (navigation, toasts), kap-window-profile.c (the
 * profile gate), kap-window-error.c (the error page),
 * kap-window-records.c (the record shown) and kap-window-actions.c (what
 * the actions do, and their dialogs). Nothing else
 * includes this header: tests go through kap-window.h. */
struct _KapWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;                /* "main", "empty", "error", the mode pages */
  AdwLeaflet           *leaflet;
  KapRecordsPage       *records_page;
  KapRecordPane        *record_pane;
  AdwStatusPage        *empty_page;
  GtkMenuButton        *empty_profile_button;
  GtkWidget            *empty_sync_button;
  AdwStatusPage        *error_page;

  /* Made in code */
  KapSyncBanner        *banner;
  KapNewPersonDialog   *new_person_dialog;    /* weak, while it is open */
  KapPersonChooser     *person_chooser;       /* weak, while it is open */
  KapProfilesPage      *profiles_page;        /* the mode pages, made when first needed */
  GtkWidget            *review_page;
  GtkWidget            *sync_page;
  GtkWidget            *conflicts_page;

  /* Owned references */
  KapContext           *context;              /* the store, forms, person index, profile */
  GError               *error;
  KapRecordList        *records;
  gboolean              ask_profile;          /* no work before a profile is chosen */
  const char           *mode;                 /* NULL (the records) or a mode page's name */
};

/* kap-window.c */
void     kap_window_update_state         (KapWindow    *self);
/* Shows a mode page (NULL: the records) in place of the records. */
void     kap_window_set_mode             (KapWindow    *self,
                                          const char   *mode);
/* Adds a mode page to the window's stack under @name. */
void     kap_window_add_mode_page        (KapWindow    *self,
                                          GtkWidget    *page,
                                          const char   *name);
void     kap_window_show_toast           (KapWindow    *self,
                                          const char   *text);
void     kap_window_show_toast_for_error (KapWindow    *self,
                                          const char   *title,
                                          const GError *error);

/* kap-window-records.c: the records page and the record pane. */
void     kap_window_setup_records        (KapWindow    *self);
void     kap_window_class_bind_records   (GtkWidgetClass *widget_class);
/* Writes a change pending in the editor now. */
void     kap_window_save_editor          (KapWindow    *self);
/* A new draft of @form_id about @person_id (may be NULL), opened in the
 * editor. */
void     kap_window_create_record        (KapWindow    *self,
                                          const char   *form_id,
                                          const char   *person_id);
/* Shows @id in the record pane (a toast when it cannot be opened). */
gboolean kap_window_show_record          (KapWindow    *self,
                                          const char   *id,
                                          gboolean      edit);

/* kap-window-referrals.c: win.refer and win.open-record. */
void     kap_window_class_install_referrals (GtkWidgetClass *widget_class);
/* A new referral of @person_id, from their screening (asked when they
 * have several), opened in the editor. */
void     kap_window_start_referral       (KapWindow    *self,
                                          const char   *person_id);

/* kap-window-error.c: shows @error on the error page. */
void     kap_window_show_error           (KapWindow    *self,
                                          const GError *error);

/* kap-window-profile.c: the profiles page, and who is signed in on the
 * header bars and the actions. */
void     kap_window_show_profiles        (KapWindow    *self);
void     kap_window_update_profile_ui    (KapWindow    *self);

/* kap-window-actions.c */
void     kap_window_class_install_actions (GtkWidgetClass *widget_class);
/* Enables the supervisor's actions for who is signed in. */
void     kap_window_update_actions       (KapWindow    *self);

G_END_DECLS
