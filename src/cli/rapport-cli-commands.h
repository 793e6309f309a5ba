/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-cli-common.h"

G_BEGIN_DECLS

/* The one symbol of the commands module (rapport-cli-module.c loads it). */
#define RAPPORT_CLI_COMMANDS_RUN "rapport_cli_commands_run"

typedef int (*RapportCliCommandsRun) (const RapportCliOptions *options,
                                      const char * const      *arguments);

G_MODULE_EXPORT int rapport_cli_commands_run (const RapportCliOptions *options,
                                              const char * const      *arguments);

G_END_DECLS
