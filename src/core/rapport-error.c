/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-error.h"

G_DEFINE_QUARK (rapport-error-quark, rapport_error)
