/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for PDF attach: the bytes go, in memory, through the
 * header check and the text extraction that attaching a record runs. */
#include "config.h"

#include "fuzz-common.h"

#include "rd-document.h"
#include "rd-pdf-text.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPdfText) text = NULL;

  if (!rd_document_check_header (bytes, &error))
    return 0;
  text = rd_pdf_text_extract (bytes, "fuzz.pdf", NULL, &error);
  g_assert ((text == NULL) == (error != NULL));
  return 0;
}
