/* crm-sync-error.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "crm-sync-error.h"

G_DEFINE_QUARK (crm-sync-error-quark, crm_sync_error)

/**
 * crm_sync_error_from_http_status:
 * @status: an HTTP status of 400 or more
 *
 * Returns: the code for a failed request with @status
 */
CrmSyncError
crm_sync_error_from_http_status (guint status)
{
  g_return_val_if_fail (status >= 400, CRM_SYNC_ERROR_MALFORMED);

  switch (status)
    {
    case 401:
    case 403:
      return CRM_SYNC_ERROR_UNAUTHORIZED;
    case 404:
      return CRM_SYNC_ERROR_NOT_FOUND;
    case 409:
      return CRM_SYNC_ERROR_CONFLICT;
    case 429:
      return CRM_SYNC_ERROR_RATE_LIMITED;
    case 502:
    case 503:
    case 504:
      return CRM_SYNC_ERROR_UNAVAILABLE;
    default:
      return status < 500 ? CRM_SYNC_ERROR_INVALID : CRM_SYNC_ERROR_SERVER;
    }
}

/**
 * crm_sync_error_is_transient:
 * @error: an error
 *
 * Returns: whether the same request may succeed later unchanged, so the
 *   sync backs off and tries again rather than giving up
 */
gboolean
crm_sync_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != CRM_SYNC_ERROR)
    return FALSE;

  return error->code == CRM_SYNC_ERROR_RATE_LIMITED ||
         error->code == CRM_SYNC_ERROR_UNAVAILABLE ||
         error->code == CRM_SYNC_ERROR_NETWORK;
}

/* The longest server message kept; a plain-text page of HTML is cut. */
#define MAX_MESSAGE_CHARS 300

static char *
first_string_in (JsonNode *node)
{
  if (node == NULL)
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *found = first_string_in (json_array_get_element (array, i));

          if (found != NULL)
            return found;
        }
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          char *found = first_string_in (json_object_get_member (object, l->data));

          if (found != NULL)
            return found;
        }
    }

  return NULL;
}

/* The shapes of section 3.2 of the contract, in the order it gives. */
static char *
message_from_object (JsonObject *object)
{
  JsonNode *details;
  char *message;

  message = first_string_in (json_object_get_member (object, "message"));
  if (message != NULL)
    return message;

  details = json_object_get_member (object, "error_details");
  if (details != NULL && JSON_NODE_HOLDS_ARRAY (details))
    {
      JsonArray *array = json_node_get_array (details);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            message = first_string_in (json_object_get_member (json_node_get_object (item),
                                                               "message"));
          if (message != NULL)
            return message;
        }
    }

  message = first_string_in (json_object_get_member (object, "errors"));
  if (message != NULL)
    return message;

  message = first_string_in (json_object_get_member (object, "error"));
  if (message != NULL)
    return message;

  /* A field → messages object without error_details. */
  return first_string_in (json_object_get_member (object, "name")) ?:
         first_string_in (json_object_get_member (object, "base"));
}

static char *
clip (char *text)
{
  g_strstrip (text);
  g_strdelimit (text, "\r\n\t", ' ');

  if (g_utf8_strlen (text, -1) > MAX_MESSAGE_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (text, MAX_MESSAGE_CHARS);
      char *clipped = g_strdup_printf ("%.*s…", (int) (end - text), text);

      g_free (text);
      return clipped;
    }

  return text;
}

/**
 * crm_sync_error_dup_body_message:
 * @body: (nullable): the body of a failed response
 *
 * Finds the server's message in an error body of any of the shapes the
 * API uses: `message`, the first of `error_details`, the first value of
 * `errors`, `error`, or else the body as plain text.
 *
 * Returns: (transfer full) (nullable): the message on one line, or %NULL
 *   when the body says nothing
 */
char *
crm_sync_error_dup_body_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = NULL;
  const char *data;
  gsize size = 0;

  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  if (size == 0)
    return NULL;

  if (json_parser_load_from_data (parser, data, size, NULL))
    {
      JsonNode *root = json_parser_get_root (parser);
      char *message = NULL;

      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        message = message_from_object (json_node_get_object (root));
      else if (root != NULL)
        message = first_string_in (root);

      if (message != NULL && *message != '\0')
        return clip (message);
      g_free (message);
    }

  if (!g_utf8_validate (data, size, NULL))
    return NULL;

  text = clip (g_strndup (data, size));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* libsoup 3.2 has no phrase for 429. */
static const char *
status_phrase (guint status)
{
  return status == 429 ? "Too Many Requests" : soup_status_get_phrase (status);
}

/**
 * crm_sync_error_new_for_response:
 * @status: an HTTP status of 400 or more
 * @body: (nullable): the response's body
 *
 * Returns: (transfer full): the error for a refused request, its code from
 *   @status and its message from @body (or the status when the body says
 *   nothing)
 */
GError *
crm_sync_error_new_for_response (guint   status,
                                 GBytes *body)
{
  g_autofree char *message = crm_sync_error_dup_body_message (body);
  CrmSyncError code = crm_sync_error_from_http_status (status);

  if (message == NULL)
    return g_error_new (CRM_SYNC_ERROR, code, _("The server answered %u %s"), status,
                        status_phrase (status));

  return g_error_new_literal (CRM_SYNC_ERROR, code, message);
}

/**
 * crm_sync_error_new_for_transport:
 * @error: an error of the HTTP transport (GIO, resolver, TLS)
 *
 * Returns: (transfer full): the same error as %CRM_SYNC_ERROR_NETWORK, or a
 *   copy of @error when it is a cancellation
 */
GError *
crm_sync_error_new_for_transport (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      error->domain == CRM_SYNC_ERROR)
    return g_error_copy (error);

  return g_error_new (CRM_SYNC_ERROR, CRM_SYNC_ERROR_NETWORK,
                      _("Cannot reach the server: %s"), error->message);
}
