/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-client.h"

G_BEGIN_DECLS

void rapport_cli_print_card (RapportClient *client);
void rapport_cli_print_row  (RapportClient *client);

G_END_DECLS
