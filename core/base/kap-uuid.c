/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-uuid"

#include "config.h"

#include <sys/random.h>

#include "kap-uuid.h"

/* RFC 9562 method 1: the 12 bits after the version hold a counter that
 * increases within one millisecond, so ids from one process sort in the
 * order they were made even when the clock does not move. */
static GMutex uuid_lock;
static gint64 last_ms;
static guint  counter;

static void
fill_random (guint8 *buf,
             gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = getrandom (buf + done, len - done, 0);

      if (n > 0)
        done += n;
      else if (n < 0 && errno != EINTR)
        {
          /* getrandom() cannot fail on Linux ≥ 3.17 once the pool is
           * ready; fall back to GLib's generator rather than abort. */
          for (; done < len; done++)
            buf[done] = (guint8) g_random_int ();
        }
    }
}

char *
kap_uuid_v7_new (void)
{
  guint8 bytes[16];
  gint64 ms;
  guint seq;

  fill_random (bytes, sizeof bytes);

  g_mutex_lock (&uuid_lock);
  ms = g_get_real_time () / 1000;
  if (ms <= last_ms)
    {
      /* Same millisecond, or the clock went back: keep the order. */
      ms = last_ms;
      counter++;
      if (counter > 0xfff)
        {
          ms = ++last_ms;
          counter = 0;
        }
    }
  else
    {
      /* Start the counter low but random, leaving room to count up. */
      counter = bytes[6] & 0x7f;
    }
  last_ms = ms;
  seq = counter;
  g_mutex_unlock (&uuid_lock);

  bytes[0] = (ms >> 40) & 0xff;
  bytes[1] = (ms >> 32) & 0xff;
  bytes[2] = (ms >> 24) & 0xff;
  bytes[3] = (ms >> 16) & 0xff;
  bytes[4] = (ms >> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((seq >> 8) & 0x0f);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

gboolean
kap_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;

  for (guint i = 0; i < 36; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]) || g_ascii_isupper (text[i]))
        return FALSE;
    }

  return TRUE;
}

gint64
kap_uuid_v7_get_time (const char *text)
{
  char hex[13];

  g_return_val_if_fail (kap_uuid_is_valid (text), -1);

  memcpy (hex, text, 8);
  memcpy (hex + 8, text + 9, 4);
  hex[12] = '\0';

  return g_ascii_strtoll (hex, NULL, 16);
}
