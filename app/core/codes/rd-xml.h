/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define RD_XML_ERROR (rd_xml_error_quark ())
GQuark rd_xml_error_quark (void);

typedef enum {
  RD_XML_ERROR_READ,       /* the file cannot be read */
  RD_XML_ERROR_TOO_LARGE,  /* larger than the caller allows */
  RD_XML_ERROR_DOCTYPE,    /* has a document type declaration (entities): refused */
  RD_XML_ERROR_MALFORMED,  /* not well-formed XML */
  RD_XML_ERROR_INVALID,    /* does not match its RELAX NG grammar */
  RD_XML_ERROR_LIMIT,      /* more attributes, elements, depth or text than ReviewDesk reads */
} RdXmlError;

/* Limits on untrusted XML, checked by rd_xml_check_limits() in one linear pass
 * before libxml2 parses a byte: libxml2's duplicate-attribute check is
 * quadratic in the attributes of one element (100,000 attributes took 17–55 s)
 * and RELAX NG validation grows with the number of nodes. The largest bundled
 * policy has about 720 elements, 5 attributes on one element, depth 12 and
 * text runs under 1 KB; the limits leave room for far larger real files. */
#define RD_XML_MAX_ATTRIBUTES   64          /* attributes on one element */
#define RD_XML_MAX_ELEMENTS     20000       /* elements in one document */
#define RD_XML_MAX_DEPTH        64          /* elements nested in one another */
#define RD_XML_MAX_TEXT_LENGTH  (256 * 1024) /* bytes of one text run or attribute value */

void      rd_xml_init             (void);
xmlDoc   *rd_xml_read_file        (const char  *path,
                                   gsize        max_size,
                                   GError     **error);
gboolean  rd_xml_check_limits     (const char  *data,
                                   gsize        size,
                                   const char  *name,
                                   GError     **error);
xmlDoc   *rd_xml_read_memory      (const char  *data,
                                   gsize        size,
                                   const char  *name,
                                   GError     **error);
gboolean  rd_xml_validate         (xmlDoc      *doc,
                                   GBytes      *schema,
                                   const char  *name,
                                   GError     **error);
char     *rd_xml_get_text         (xmlNode     *node);
char     *rd_xml_get_prop         (xmlNode     *node,
                                   const char  *name);
xmlNode  *rd_xml_first_element    (xmlNode     *parent,
                                   const char  *name);
xmlNode  *rd_xml_next_element     (xmlNode     *node,
                                   const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
