/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-document"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-document-private.h"
#include "kap-json.h"
#include "kap-revision.h"
#include "kap-uuid.h"

struct _KapDocument
{
  GObject     parent_instance;

  char       *id;
  char       *rev;
  JsonObject *body;
  char      **ancestry;
  char      **conflicts;
  JsonObject *attachments;
  gint64      seq;
  gboolean    deleted;
};

G_DEFINE_FINAL_TYPE (KapDocument, kap_document, G_TYPE_OBJECT)

G_DEFINE_QUARK (kap-document-error-quark, kap_document_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_REV,
  PROP_DOC_TYPE,
  PROP_DELETED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

gboolean
kap_document_type_is_valid (const char *type)
{
  if (type == NULL || !g_ascii_islower (type[0]))
    return FALSE;

  for (const char *p = type; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static void
kap_document_finalize (GObject *object)
{
  KapDocument *self = (KapDocument *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->rev, g_free);
  g_clear_pointer (&self->body, json_object_unref);
  g_clear_pointer (&self->ancestry, g_strfreev);
  g_clear_pointer (&self->conflicts, g_strfreev);
  g_clear_pointer (&self->attachments, json_object_unref);

  G_OBJECT_CLASS (kap_document_parent_class)->finalize (object);
}

static void
kap_document_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KapDocument *self = KAP_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_REV:
      g_value_set_string (value, self->rev);
      break;
    case PROP_DOC_TYPE:
      g_value_set_string (value, kap_document_get_doc_type (self));
      break;
    case PROP_DELETED:
      g_value_set_boolean (value, self->deleted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_document_class_init (KapDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_document_finalize;
  object_class->get_property = kap_document_get_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_REV] =
    g_param_spec_string ("rev", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_DOC_TYPE] =
    g_param_spec_string ("doc-type", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties [PROP_DELETED] =
    g_param_spec_boolean ("deleted", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kap_document_init (KapDocument *self)
{
  self->body = json_object_new ();
}

KapDocument *
kap_document_new (const char *id,
                  JsonObject *body)
{
  KapDocument *self = g_object_new (KAP_TYPE_DOCUMENT, NULL);

  self->id = g_strdup (id);
  if (body != NULL)
    kap_document_set_body (self, body);

  return self;
}

KapDocument *
kap_document_new_for_type (const char *type)
{
  g_autofree char *id = NULL;
  KapDocument *self;

  g_return_val_if_fail (kap_document_type_is_valid (type), NULL);

  id = kap_document_generate_id (type);
  self = kap_document_new (id, NULL);
  json_object_set_string_member (self->body, "type", type);

  return self;
}

static gboolean
read_revisions (JsonNode  *node,
                GStrv     *out_ancestry,
                GError   **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *revisions;
  JsonArray *ids;
  JsonNode *start;
  gint64 generation;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    goto invalid;

  revisions = json_node_get_object (node);
  start = json_object_get_member (revisions, "start");
  if (start == NULL || !JSON_NODE_HOLDS_VALUE (start) ||
      json_node_get_value_type (start) != G_TYPE_INT64)
    goto invalid;
  if (!json_object_has_member (revisions, "ids") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (revisions, "ids")))
    goto invalid;

  generation = json_node_get_int (start);
  ids = json_object_get_array_member (revisions, "ids");
  if (json_array_get_length (ids) == 0 || generation < json_array_get_length (ids))
    goto invalid;

  for (guint i = 0; i < json_array_get_length (ids); i++)
    {
      JsonNode *element = json_array_get_element (ids, i);
      g_autofree char *rev = NULL;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        goto invalid;

      rev = g_strdup_printf ("%" G_GINT64_FORMAT "-%s", generation - i,
                             json_node_get_string (element));
      if (!kap_revision_is_valid (rev))
        goto invalid;

      g_strv_builder_add (builder, rev);
    }

  *out_ancestry = g_strv_builder_end (builder);
  return TRUE;

invalid:
  g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                       _("The document’s “_revisions” member is not a valid revision history"));
  return FALSE;
}

static gboolean
object_depth_is_allowed (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return kap_json_node_depth (node) <= KAP_DOCUMENT_MAX_DEPTH;
}

static gboolean
member_is_string (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

KapDocument *
kap_document_new_from_object (JsonObject  *object,
                              GError     **error)
{
  g_autoptr(KapDocument) self = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (object != NULL, NULL);

  /* Whatever parsed it (a server reply is read as a whole, deeper than a
   * document may be), every JSON walker of Kapija recurses. */
  if (!object_depth_is_allowed (object))
    {
      g_set_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                   /* Translators: %u is a number of levels, such as 256. */
                   _("The document is nested deeper than %u levels"), KAP_DOCUMENT_MAX_DEPTH);
      return NULL;
    }

  self = g_object_new (KAP_TYPE_DOCUMENT, NULL);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    {
      if (name[0] != '_')
        {
          json_object_set_member (self->body, name, json_node_copy (member));
          continue;
        }

      if (g_str_equal (name, "_id"))
        {
          if (!member_is_string (object, name))
            {
              g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                                   _("The document’s “_id” is not a valid document id"));
              return NULL;
            }
          if (!kap_document_check_id (json_node_get_string (member), error))
            return NULL;
          self->id = g_strdup (json_node_get_string (member));
        }
      else if (g_str_equal (name, "_rev"))
        {
          if (!member_is_string (object, name) ||
              !kap_revision_is_valid (json_node_get_string (member)))
            {
              g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                                   _("The document’s “_rev” is not a valid revision"));
              return NULL;
            }
          self->rev = g_strdup (json_node_get_string (member));
        }
      else if (g_str_equal (name, "_deleted"))
        {
          if (!JSON_NODE_HOLDS_VALUE (member) ||
              json_node_get_value_type (member) != G_TYPE_BOOLEAN)
            {
              g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                                   _("The document’s “_deleted” must be true or false"));
              return NULL;
            }
          self->deleted = json_node_get_boolean (member);
        }
      else if (g_str_equal (name, "_revisions"))
        {
          if (!read_revisions (member, &self->ancestry, error))
            return NULL;
        }
      else if (g_str_equal (name, "_attachments"))
        {
          if (!JSON_NODE_HOLDS_OBJECT (member))
            {
              g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                                   _("The document’s “_attachments” must be an object"));
              return NULL;
            }
          if (!kap_document_attachments_are_valid (json_node_get_object (member), error))
            return NULL;
          kap_document_set_attachments (self, json_node_get_object (member));
        }
      else if (g_str_equal (name, "_conflicts") || g_str_equal (name, "_deleted_conflicts") ||
               g_str_equal (name, "_local_seq") || g_str_equal (name, "_revs_info"))
        {
          /* Read-only information a server adds; never part of a revision. */
        }
      else
        {
          /* CouchDB refuses unknown underscore members; so do we, rather
           * than silently dropping something the sender meant to keep. */
          g_set_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                       _("The document has an unknown special member “%s”"), name);
          return NULL;
        }
    }

  if (self->ancestry != NULL)
    {
      if (self->rev == NULL || g_strcmp0 (self->ancestry[0], self->rev) != 0)
        {
          g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                               _("The document’s “_revisions” does not start with its “_rev”"));
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

KapDocument *
kap_document_new_from_json (const char  *json,
                            gssize       length,
                            GError     **error)
{
  /* Room for the members a server adds around a body (_revisions and
   * _conflicts) on top of the largest body a store takes. */
  const KapJsonLimits limits = {
    .max_bytes = KAP_DOCUMENT_MAX_BYTES + 64 * 1024,
    .max_depth = KAP_DOCUMENT_MAX_DEPTH,
  };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = kap_json_parse (json, length, &limits, &local_error);
  if (root == NULL)
    {
      /* The reader's message names the line and column; it never echoes
       * the text itself, which may hold personal data. */
      g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_MALFORMED,
                           local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                           _("A document must be a JSON object"));
      return NULL;
    }

  return kap_document_new_from_object (json_node_get_object (root), error);
}

const char *
kap_document_get_id (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  return self->id;
}

void
kap_document_set_id (KapDocument *self,
                     const char  *id)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  g_free (self->id);
  self->id = g_strdup (id);
}

const char *
kap_document_get_rev (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  return self->rev;
}

void
kap_document_set_rev (KapDocument *self,
                      const char  *rev)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  if (g_strcmp0 (self->rev, rev) == 0)
    return;

  g_free (self->rev);
  self->rev = g_strdup (rev);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REV]);
}

gboolean
kap_document_get_deleted (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), FALSE);

  return self->deleted;
}

void
kap_document_set_deleted (KapDocument *self,
                          gboolean     deleted)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  deleted = !!deleted;
  if (self->deleted == deleted)
    return;

  self->deleted = deleted;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DELETED]);
}

const char *
kap_document_get_doc_type (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  if (!member_is_string (self->body, "type"))
    return NULL;

  return json_object_get_string_member (self->body, "type");
}

JsonObject *
kap_document_get_body (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  return self->body;
}

void
kap_document_set_body (KapDocument *self,
                       JsonObject  *body)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_if_fail (KAP_IS_DOCUMENT (self));
  g_return_if_fail (body != NULL);

  /* A copy without the underscore members: the body is what revisions are
   * computed from, and the caller keeps its object. */
  g_clear_pointer (&self->body, json_object_unref);
  self->body = json_object_new ();

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &member))
    if (name[0] != '_')
      json_object_set_member (self->body, name, json_node_copy (member));
}

gint64
kap_document_get_seq (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), 0);

  return self->seq;
}

void
kap_document_set_seq (KapDocument *self,
                      gint64       seq)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  self->seq = seq;
}

const char * const *
kap_document_get_ancestry (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  return (const char * const *) self->ancestry;
}

void
kap_document_set_ancestry (KapDocument        *self,
                           const char * const *revs)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  g_strfreev (self->ancestry);
  self->ancestry = g_strdupv ((char **) revs);
}

const char * const *
kap_document_get_conflicts (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  return (const char * const *) self->conflicts;
}

void
kap_document_set_conflicts (KapDocument        *self,
                            const char * const *revs)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  g_strfreev (self->conflicts);
  self->conflicts = g_strdupv ((char **) revs);
}

JsonObject *
kap_document_get_attachments (KapDocument *self)
{
  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  return self->attachments;
}

void
kap_document_set_attachments (KapDocument *self,
                              JsonObject  *attachments)
{
  g_return_if_fail (KAP_IS_DOCUMENT (self));

  g_clear_pointer (&self->attachments, json_object_unref);
  if (attachments != NULL)
    {
      /* A deep copy: the caller keeps its tree, and a revision's
       * attachments never change under it. */
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), attachments);
      g_autoptr(JsonNode) copy = json_node_copy (node);

      self->attachments = json_object_ref (json_node_get_object (copy));
    }
}

static gboolean
is_base64 (const char *text,
           gsize      *length)
{
  gsize len = strlen (text);
  gsize padding = 0;

  *length = len;
  if (len % 4 != 0)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          /* Only at the end, at most two. */
          if (i + 2 < len || (i + 2 == len && text[i + 1] != '='))
            return FALSE;
          padding++;
        }
      else if (!g_ascii_isalnum (c) && c != '+' && c != '/')
        return FALSE;
    }

  return padding <= 2;
}

gboolean
kap_document_attachments_are_valid (JsonObject  *attachments,
                                    GError     **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gsize total = 0;

  g_return_val_if_fail (attachments != NULL, FALSE);

  json_object_iter_init (&iter, attachments);
  while (json_object_iter_next (&iter, &name, &member))
    {
      JsonObject *attachment;
      JsonNode *data;
      gsize length = 0;

      /* CouchDB refuses names that start with '_'; a name the store cannot
       * hold exactly (U+0000…) could not go back as it came. */
      if (name[0] == '\0' || name[0] == '_' || !kap_json_string_is_plain (name) ||
          !JSON_NODE_HOLDS_OBJECT (member))
        goto invalid;

      attachment = json_node_get_object (member);
      if (json_object_has_member (attachment, "stub") || json_object_has_member (attachment, "follows"))
        {
          g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                               _("An attachment of the document came without its data"));
          return FALSE;
        }

      data = json_object_get_member (attachment, "data");
      if (!member_is_string (attachment, "content_type") || data == NULL ||
          !JSON_NODE_HOLDS_VALUE (data) || json_node_get_value_type (data) != G_TYPE_STRING ||
          !is_base64 (json_node_get_string (data), &length))
        goto invalid;

      total += length;
      if (total > KAP_DOCUMENT_MAX_ATTACHMENT_BYTES)
        {
          g_autofree char *limit = g_format_size (KAP_DOCUMENT_MAX_ATTACHMENT_BYTES);

          g_set_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                       /* Translators: %s is a size such as “16.0 MB”. */
                       _("The document’s attachments are larger than %s"), limit);
          return FALSE;
        }
    }

  return TRUE;

invalid:
  g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                       _("The document’s “_attachments” is not valid: each attachment needs a "
                         "name, a content type and its data in base64"));
  return FALSE;
}

JsonObject *
kap_document_to_object (KapDocument *self)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  object = json_object_new ();

  if (self->id)
    json_object_set_string_member (object, "_id", self->id);
  if (self->rev)
    json_object_set_string_member (object, "_rev", self->rev);
  if (self->deleted)
    json_object_set_boolean_member (object, "_deleted", TRUE);

  if (self->ancestry && self->ancestry[0])
    {
      JsonObject *revisions = json_object_new ();
      JsonArray *ids = json_array_new ();
      gint64 generation = 0;

      kap_revision_parse (self->ancestry[0], &generation, NULL);
      for (guint i = 0; self->ancestry[i]; i++)
        {
          const char *hash;

          if (kap_revision_parse (self->ancestry[i], NULL, &hash))
            json_array_add_string_element (ids, hash);
        }

      json_object_set_int_member (revisions, "start", generation);
      json_object_set_array_member (revisions, "ids", ids);
      json_object_set_object_member (object, "_revisions", revisions);
    }

  if (self->conflicts && self->conflicts[0])
    {
      JsonArray *conflicts = json_array_new ();

      for (guint i = 0; self->conflicts[i]; i++)
        json_array_add_string_element (conflicts, self->conflicts[i]);
      json_object_set_array_member (object, "_conflicts", conflicts);
    }

  if (self->attachments != NULL && json_object_get_size (self->attachments) > 0)
    {
      g_autoptr(JsonNode) attachments = json_node_init_object (json_node_alloc (), self->attachments);

      json_object_set_member (object, "_attachments", json_node_copy (attachments));
    }

  json_object_iter_init (&iter, self->body);
  while (json_object_iter_next (&iter, &name, &member))
    json_object_set_member (object, name, json_node_copy (member));

  return object;
}

char *
kap_document_to_json (KapDocument *self)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (KAP_IS_DOCUMENT (self), NULL);

  object = kap_document_to_object (self);
  return kap_canonical_json_object (object, FALSE);
}

char *
kap_document_generate_id (const char *type)
{
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (kap_document_type_is_valid (type), NULL);

  uuid = kap_uuid_v7_new ();
  return g_strconcat (type, ":", uuid, NULL);
}

gboolean
kap_document_check_id (const char  *id,
                       GError     **error)
{
  gsize len;

  /* Kapija makes "<type>:<uuid>", but records arrive from servers and
   * other tools too; accept any id CouchDB accepts for a normal
   * document: non-empty, no leading underscore, valid UTF-8. CouchDB sets
   * no length limit; a document's own limit is a sane one. */
  if (id == NULL || id[0] == '\0' || id[0] == '_')
    {
      g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                           _("The document’s “_id” is not a valid document id: it is empty or "
                             "starts with “_”"));
      return FALSE;
    }

  len = strlen (id);
  if (len > KAP_DOCUMENT_MAX_BYTES)
    {
      g_autofree char *limit = g_format_size (KAP_DOCUMENT_MAX_BYTES);

      g_set_error (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                   /* Translators: %s is a size such as “8.0 MB”. */
                   _("The document’s “_id” is longer than %s"), limit);
      return FALSE;
    }

  /* What the reader holds escaped (kap-json.h) is no text the store can
   * look an id up by, nor one a path can name. */
  if (!g_utf8_validate (id, len, NULL) || !kap_json_string_is_plain (id))
    {
      g_set_error_literal (error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_INVALID,
                           _("The document’s “_id” holds a character Kapija cannot store "
                             "(U+0000 or half of a character)"));
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_document_id_is_valid (const char *id)
{
  return kap_document_check_id (id, NULL);
}
