/* bench-import-data.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *bench_import_write_file (const char  *dir,
                               guint        n_rows,
                               GError     **error);

G_END_DECLS
