/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-error.h"
#include "rapport-invoice-export.h"
#include "rapport-invoice.h"
#include "rapport-print.h"

/* An order's invoice, saved as a PDF where the person chooses or sent
 * through the print dialog. Both draw the same pages the command line
 * writes (librapport-documents). */

typedef struct
{
  RapportContext     *context;
  gint64              order_id;
  RapportInvoiceDone  done;
  gpointer            user_data;
} Choice;

static void
choice_free (Choice *choice)
{
  g_object_unref (choice->context);
  g_free (choice);
}

/**
 * rapport_invoice_export_write:
 * @context: the context
 * @order_id: the order, as saved
 * @file: a local file; replaced if it exists
 * @error: return location for an error naming the file
 */
gboolean
rapport_invoice_export_write (RapportContext  *context,
                              gint64           order_id,
                              GFile           *file,
                              GError         **error)
{
  g_autoptr(RapportInvoice) invoice = NULL;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("Could not save the invoice as “%s”: choose a folder on this computer."), name);
      return FALSE;
    }
  invoice = rapport_invoice_load (rapport_context_get_database (context), order_id, error);
  return invoice != NULL && rapport_invoice_write_pdf (invoice, path, error);
}

static void
on_file_chosen (GtkNativeDialog *dialog,
                int              response,
                Choice          *choice)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (rapport_invoice_export_write (choice->context, choice->order_id, file, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Invoice saved as “%s”"), name);

          choice->done (message, choice->user_data);
        }
      else
        choice->done (error->message, choice->user_data);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  choice_free (choice);
}

/**
 * rapport_invoice_export_choose_file:
 * @parent: the window asking
 * @context: the context
 * @order_id: the order, as saved
 * @number: its number, for the file's suggested name
 * @done: told what happened, in words for the person, once a file was
 *   chosen; not called when the person changed their mind
 * @user_data: for @done; must live until then
 */
void
rapport_invoice_export_choose_file (GtkWindow          *parent,
                                    RapportContext     *context,
                                    gint64              order_id,
                                    const char         *number,
                                    RapportInvoiceDone  done,
                                    gpointer            user_data)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  Choice *choice;

  dialog = gtk_file_chooser_native_new (_("Save Invoice"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  /* TRANSLATORS: the file an invoice is saved as; %s is the order's number */
  name = g_strdup_printf (_("Invoice %s.pdf"), number);
  /* A number pattern may hold a slash; a file name may not. */
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  choice = g_new0 (Choice, 1);
  choice->context = g_object_ref (context);
  choice->order_id = order_id;
  choice->done = done;
  choice->user_data = user_data;
  g_signal_connect (dialog, "response", G_CALLBACK (on_file_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * rapport_invoice_export_print:
 * @parent: the window asking
 * @context: the context
 * @order_id: the order, as saved
 * @export_pdf: (nullable): print into this PDF without asking, instead of
 *   showing the print dialog
 * @error: return location for an error, for a person
 *
 * Returns: %FALSE when the invoice could not be printed
 */
gboolean
rapport_invoice_export_print (GtkWindow       *parent,
                              RapportContext  *context,
                              gint64           order_id,
                              const char      *export_pdf,
                              GError         **error)
{
  g_autoptr(RapportInvoice) invoice = NULL;
  g_autofree char *title = NULL;

  invoice = rapport_invoice_load (rapport_context_get_database (context), order_id, error);
  if (invoice == NULL)
    return FALSE;

  title = rapport_invoice_dup_title (invoice);
  if (!rapport_print_document (parent, title, (RapportPaginateFunc) rapport_invoice_paginate,
                               (RapportDrawPageFunc) rapport_invoice_draw_page, invoice, export_pdf, error))
    {
      g_prefix_error (error, _("The invoice could not be printed: "));
      return FALSE;
    }
  return TRUE;
}
