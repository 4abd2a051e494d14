/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz"

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "kap-fuzz.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* g_error() and G_BREAKPOINT() end in SIGTRAP, which libFuzzer does not
 * treat as a crash: make it one, with ASan's stack trace. */
static void
sigtrap_to_abort (int signal_number)
{
  abort ();
}

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    {
      /* Say which one it was before the stack trace. */
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  struct sigaction action = { 0 };

  action.sa_handler = sigtrap_to_abort;
  sigemptyset (&action.sa_mask);
  sigaction (SIGTRAP, &action, NULL);

  /* GSlice's magazines would hide a use after free from ASan (fuzz.sh sets
   * it in the environment too, before GLib starts). */
  g_setenv ("G_SLICE", "always-malloc", TRUE);

  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  return 0;
}

char *
kap_fuzz_strndup (const uint8_t *data,
                  size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  return text;
}

const GDate *
kap_fuzz_today (void)
{
  static GDate today;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_date_clear (&today, 1);
      g_date_set_dmy (&today, 15, G_DATE_MARCH, 2024);
      g_once_init_leave (&initialized, 1);
    }

  return &today;
}
