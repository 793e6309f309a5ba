/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "rapport-date-row.h"
#include "rapport-gtk-workarounds.h"
#include "rapport-gui.h"
#include "rapport-resources.h"
#include "rapport-save-status.h"

/**
 * rapport_gui_init:
 *
 * Registers the interface's resources and the types its templates name.
 * The program and the tests call it once before making any widget.
 */
void
rapport_gui_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Registered by hand: in a static library the linker would drop the
       * generated constructor that nothing references. */
      _rapport_register_resource ();
      g_type_ensure (RAPPORT_TYPE_DATE_ROW);
      g_type_ensure (RAPPORT_TYPE_SAVE_STATUS);
      rapport_gtk_workarounds_install ();
      g_once_init_leave (&initialized, 1);
    }
}
