/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include "rapport-date-row.h"
#include "rapport-delivery-rules.h"
#include "rapport-format.h"
#include "rapport-gtk-workarounds.h"
#include "rapport-gui.h"
#include "rapport-resources.h"
#include "rapport-save-status.h"

/**
 * rapport_gui_load_style:
 *
 * Adds the interface's style sheet to the default display, once it is
 * open. Loaded by hand rather than by AdwApplication, which looks for it
 * under the application id's path: the development profile's id and the
 * tests' differ from the one the resources are under.
 */
void
rapport_gui_load_style (void)
{
  static GtkCssProvider *provider;
  GdkDisplay *display = gdk_display_get_default ();

  if (display == NULL || provider != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

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
      rapport_gui_load_style ();
      rapport_gtk_workarounds_install ();
      /* Ready messages to clients write days as the window does. */
      rapport_warranty_message_set_day_format (rapport_format_iso_date);
      g_once_init_leave (&initialized, 1);
    }
}
