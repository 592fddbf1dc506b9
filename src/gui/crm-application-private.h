/* crm-application-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-application.h"

G_BEGIN_DECLS

/* crm-application-cli.c: runs the command-line options in the launching
 * process. Returns -1 to go on to the window, or an exit status. */
int  crm_application_cli_handle        (CrmApplication *app,
                                        GVariantDict   *options);

/* crm-application.c: must be called before the application registers. */
void crm_application_set_database_path (CrmApplication *self,
                                        const char     *path);

G_END_DECLS
