/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-value"

#include "config.h"

#include <math.h>
#include <string.h>

#include "kap-value.h"

struct _KapValue
{
  KapValueType type;
  union
  {
    gboolean  boolean;
    double    number;
    char     *string;
    guint32   julian;
    char    **list;
  };
};

G_DEFINE_BOXED_TYPE (KapValue, kap_value, kap_value_ref, kap_value_unref)

/* Integers up to this size are exact in a double; larger numbers are
 * written to JSON as doubles. */
#define MAX_EXACT_INTEGER 9007199254740992.0

/* 31 December 9999 as a GDate Julian day. */
#define MAX_JULIAN 3652059u

static KapValue *
value_new (KapValueType type)
{
  KapValue *self = g_atomic_rc_box_new0 (KapValue);

  self->type = type;

  return self;
}

static void
value_clear (gpointer data)
{
  KapValue *self = data;

  if (self->type == KAP_VALUE_STRING)
    g_free (self->string);
  else if (self->type == KAP_VALUE_LIST)
    g_strfreev (self->list);
}

KapValue *
kap_value_new_null (void)
{
  return value_new (KAP_VALUE_NULL);
}

KapValue *
kap_value_new_boolean (gboolean value)
{
  KapValue *self = value_new (KAP_VALUE_BOOLEAN);

  self->boolean = !!value;

  return self;
}

KapValue *
kap_value_new_number (double value)
{
  KapValue *self;

  /* Overflow and 0/0 must not leak into comparisons as NaN or inf, which
   * would make "x = x" false: they become a missing result instead. */
  if (!isfinite (value))
    return kap_value_new_null ();

  self = value_new (KAP_VALUE_NUMBER);
  self->number = value == 0 ? 0.0 : value;

  return self;
}

KapValue *
kap_value_new_string (const char *value)
{
  KapValue *self;

  if (value == NULL)
    return kap_value_new_null ();

  self = value_new (KAP_VALUE_STRING);
  self->string = g_strdup (value);

  return self;
}

KapValue *
kap_value_new_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return kap_value_new_null ();

  return kap_value_new_date_julian (g_date_get_julian (date));
}

KapValue *
kap_value_new_date_julian (guint32 julian)
{
  KapValue *self;

  /* Years 1 to 9999, so that every date has a "YYYY-MM-DD" form. */
  if (julian < 1 || julian > MAX_JULIAN)
    return kap_value_new_null ();

  self = value_new (KAP_VALUE_DATE);
  self->julian = julian;

  return self;
}

static gboolean
parse_digits (const char *text,
              guint       n,
              guint      *out)
{
  guint v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      v = v * 10 + (guint) (text[i] - '0');
    }

  *out = v;

  return TRUE;
}

KapValue *
kap_value_new_date_from_iso (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return NULL;

  if (!parse_digits (text, 4, &year) ||
      !parse_digits (text + 5, 2, &month) ||
      !parse_digits (text + 8, 2, &day))
    return NULL;

  if (month < 1 || month > 12 || !g_date_valid_dmy (day, month, year))
    return NULL;

  {
    g_autoptr(GDate) date = g_date_new_dmy (day, month, year);

    return kap_value_new_date (date);
  }
}

KapValue *
kap_value_new_list (const char * const *items)
{
  KapValue *self = value_new (KAP_VALUE_LIST);

  if (items != NULL)
    self->list = g_strdupv ((char **) items);
  else
    self->list = g_new0 (char *, 1);

  return self;
}

KapValue *
kap_value_ref (KapValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
kap_value_unref (KapValue *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, value_clear);
}

KapValueType
kap_value_get_value_type (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, KAP_VALUE_NULL);

  return self->type;
}

gboolean
kap_value_is_null (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->type == KAP_VALUE_NULL;
}

gboolean
kap_value_get_boolean (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->type == KAP_VALUE_BOOLEAN && self->boolean;
}

double
kap_value_get_number (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->type == KAP_VALUE_NUMBER ? self->number : 0;
}

const char *
kap_value_get_string (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type == KAP_VALUE_STRING ? self->string : NULL;
}

gboolean
kap_value_get_date (const KapValue *self,
                    GDate          *date)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (self->type != KAP_VALUE_DATE)
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_julian (date, self->julian);

  return TRUE;
}

guint32
kap_value_get_julian (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->type == KAP_VALUE_DATE ? self->julian : 0;
}

const char * const *
kap_value_get_list (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->type == KAP_VALUE_LIST ? (const char * const *) self->list : NULL;
}

gboolean
kap_value_equal (const KapValue *a,
                 const KapValue *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->type != b->type)
    return FALSE;

  switch (a->type)
    {
    case KAP_VALUE_NULL:
      return TRUE;
    case KAP_VALUE_BOOLEAN:
      return a->boolean == b->boolean;
    case KAP_VALUE_NUMBER:
      return a->number == b->number;
    case KAP_VALUE_STRING:
      return strcmp (a->string, b->string) == 0;
    case KAP_VALUE_DATE:
      return a->julian == b->julian;
    case KAP_VALUE_LIST:
      return g_strv_equal ((const char * const *) a->list, (const char * const *) b->list);
    default:
      g_assert_not_reached ();
    }
}

char *
kap_value_format_number (double number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 400];

  if (!isfinite (number))
    return g_strdup ("");

  if (number == 0)
    return g_strdup ("0");

  /* An integral double is printed with all its digits, which reads back
   * exactly; this keeps "15" from becoming "15.0" or "1.5e1". */
  if (number == trunc (number))
    return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.0f", number));

  /* Fixed notation (the expression language has no exponents) with the
   * fewest decimals that read back to the same double: 0.1 stays "0.1"
   * rather than "0.10000000000000001". */
  for (guint precision = 1; precision <= 340; precision++)
    {
      char format[16];
      char *end;

      g_snprintf (format, sizeof format, "%%.%uf", precision);
      g_ascii_formatd (buf, sizeof buf, format, number);
      if (g_ascii_strtod (buf, &end) == number)
        {
          /* Trailing zeros come from rounding up; they add nothing. */
          gsize len = strlen (buf);

          while (len > 0 && buf[len - 1] == '0')
            buf[--len] = '\0';
          if (len > 0 && buf[len - 1] == '.')
            buf[--len] = '\0';
          return g_strdup (buf);
        }
    }

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, number));
}

char *
kap_value_to_string (const KapValue *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->type)
    {
    case KAP_VALUE_NULL:
      return g_strdup ("");
    case KAP_VALUE_BOOLEAN:
      return g_strdup (self->boolean ? "true" : "false");
    case KAP_VALUE_NUMBER:
      return kap_value_format_number (self->number);
    case KAP_VALUE_STRING:
      return g_strdup (self->string);
    case KAP_VALUE_DATE:
      {
        GDate date;

        g_date_clear (&date, 1);
        g_date_set_julian (&date, self->julian);
        return g_strdup_printf ("%04u-%02u-%02u",
                                (guint) g_date_get_year (&date),
                                (guint) g_date_get_month (&date),
                                (guint) g_date_get_day (&date));
      }
    case KAP_VALUE_LIST:
      return g_strjoinv (" ", self->list);
    default:
      g_assert_not_reached ();
    }
}

const char *
kap_value_type_to_string (KapValueType type)
{
  switch (type)
    {
    case KAP_VALUE_NULL:
      return "null";
    case KAP_VALUE_BOOLEAN:
      return "boolean";
    case KAP_VALUE_NUMBER:
      return "number";
    case KAP_VALUE_STRING:
      return "string";
    case KAP_VALUE_DATE:
      return "date";
    case KAP_VALUE_LIST:
      return "list";
    default:
      return "unknown";
    }
}

KapValue *
kap_value_new_from_json (JsonNode     *node,
                         KapValueType  type)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return kap_value_new_null ();

  switch (type)
    {
    case KAP_VALUE_NULL:
      return NULL;

    case KAP_VALUE_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return kap_value_new_boolean (json_node_get_boolean (node));
      return NULL;

    case KAP_VALUE_NUMBER:
      if (JSON_NODE_HOLDS_VALUE (node) &&
          (json_node_get_value_type (node) == G_TYPE_INT64 ||
           json_node_get_value_type (node) == G_TYPE_DOUBLE))
        return kap_value_new_number (json_node_get_double (node));
      return NULL;

    case KAP_VALUE_STRING:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return kap_value_new_string (json_node_get_string (node));
      return NULL;

    case KAP_VALUE_DATE:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return kap_value_new_date_from_iso (json_node_get_string (node));
      return NULL;

    case KAP_VALUE_LIST:
      {
        JsonArray *array;
        g_autoptr(GPtrArray) items = NULL;
        guint n;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return NULL;

        array = json_node_get_array (node);
        n = json_array_get_length (array);
        items = g_ptr_array_new_full (n + 1, NULL);
        for (guint i = 0; i < n; i++)
          {
            JsonNode *item = json_array_get_element (array, i);

            if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
              return NULL;
            g_ptr_array_add (items, (gpointer) json_node_get_string (item));
          }
        g_ptr_array_add (items, NULL);

        return kap_value_new_list ((const char * const *) items->pdata);
      }

    default:
      return NULL;
    }
}

JsonNode *
kap_value_to_json (const KapValue *self)
{
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->type)
    {
    case KAP_VALUE_NULL:
      return json_node_new (JSON_NODE_NULL);

    case KAP_VALUE_BOOLEAN:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, self->boolean);
      return node;

    case KAP_VALUE_NUMBER:
      node = json_node_new (JSON_NODE_VALUE);
      /* Whole numbers stay JSON integers, so an age reads back as 15,
       * not 15.0, in CouchDB and in canonical JSON. */
      if (self->number == trunc (self->number) && fabs (self->number) <= MAX_EXACT_INTEGER)
        json_node_set_int (node, (gint64) self->number);
      else
        json_node_set_double (node, self->number);
      return node;

    case KAP_VALUE_STRING:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, self->string);
      return node;

    case KAP_VALUE_DATE:
      {
        g_autofree char *text = kap_value_to_string (self);

        node = json_node_new (JSON_NODE_VALUE);
        json_node_set_string (node, text);
        return node;
      }

    case KAP_VALUE_LIST:
      {
        JsonArray *array = json_array_sized_new (g_strv_length (self->list));

        for (guint i = 0; self->list[i] != NULL; i++)
          json_array_add_string_element (array, self->list[i]);
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (node, array);
        return node;
      }

    default:
      g_assert_not_reached ();
    }
}
