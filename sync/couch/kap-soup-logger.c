/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-soup"

#include "config.h"

#include <string.h>

#include "kap-soup-logger.h"

static const char * const secret_headers[] = {
  "Cookie:", "Set-Cookie:", "Authorization:", "Proxy-Authorization:",
};

static void
printer_cb (SoupLogger         *logger,
            SoupLoggerLogLevel  level,
            char                direction,
            const char         *data,
            gpointer            user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (secret_headers); i++)
    {
      if (g_ascii_strncasecmp (data, secret_headers[i], strlen (secret_headers[i])) == 0)
        {
          g_debug ("%c %s [hidden]", direction, secret_headers[i]);
          return;
        }
    }

  g_debug ("%c %s", direction, data);
}

SoupLogger *
kap_soup_logger_new (void)
{
  SoupLogger *logger;

  /* HEADERS, never BODY: the bodies are the officers' records. */
  logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);
  soup_logger_set_printer (logger, printer_cb, NULL, NULL);

  return logger;
}
