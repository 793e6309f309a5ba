/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* Printing a document (an invoice, a delivery note) through GTK's print
 * dialog, with the same pagination and drawing as its PDF. */

#include "config.h"

#include "rapport-print.h"

typedef struct
{
  RapportPaginateFunc  paginate;
  RapportDrawPageFunc  draw;
  gpointer             document;
} Printing;

static void
on_begin_print (GtkPrintOperation *operation,
                GtkPrintContext   *print_context,
                Printing          *printing)
{
  guint pages = printing->paginate (printing->document, gtk_print_context_get_cairo_context (print_context),
                                    gtk_print_context_get_width (print_context),
                                    gtk_print_context_get_height (print_context));

  gtk_print_operation_set_n_pages (operation, (int) pages);
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *print_context,
              int                page,
              Printing          *printing)
{
  printing->draw (printing->document, gtk_print_context_get_cairo_context (print_context), (guint) page);
}

/**
 * rapport_print_document:
 * @parent: (nullable): the window the dialog belongs to
 * @job_name: what the printer queue shows
 * @paginate: lays @document out on the printer's pages
 * @draw: draws one of them
 * @document: the document
 * @export_pdf: (nullable): a PDF to write instead of printing, for tests
 * @error: return location for an error
 *
 * Shows the print dialog and prints, or writes @export_pdf without one.
 *
 * Returns: whether it went without an error (a cancel is not one)
 */
gboolean
rapport_print_document (GtkWindow            *parent,
                        const char           *job_name,
                        RapportPaginateFunc  paginate,
                        RapportDrawPageFunc      draw,
                        gpointer              document,
                        const char           *export_pdf,
                        GError              **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  Printing printing = { paginate, draw, document };

  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_pdf != NULL)
    gtk_print_operation_set_export_filename (operation, export_pdf);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print), &printing);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page), &printing);

  return gtk_print_operation_run (operation,
                                  export_pdf ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                             : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                  parent, error) != GTK_PRINT_OPERATION_RESULT_ERROR;
}
