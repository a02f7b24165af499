/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-case-file.h"
#include "rd-policy.h"

G_BEGIN_DECLS

/*
 * The determination letter: what was decided on a case, composed from the case
 * file and the policies it was reviewed against, as structured text (a list of
 * blocks) that renders as Markdown or as a PDF.
 *
 * A letter is composed on the thread that owns the case file (a few small
 * reads), is immutable afterwards, and can be rendered and written on any
 * thread: rd_letter_write_async() does it in a worker.
 */

#define RD_LETTER_ERROR (rd_letter_error_quark ())
GQuark rd_letter_error_quark (void);

/**
 * RdLetterError:
 * @RD_LETTER_ERROR_NO_DECISION: the case has no determination to write
 *   (nothing decided, or only sent to a medical director)
 * @RD_LETTER_ERROR_NO_REQUEST: the case has no request yet
 * @RD_LETTER_ERROR_RENDER: the PDF could not be drawn
 * @RD_LETTER_ERROR_WRITE: the letter could not be written to the file
 */
typedef enum {
  RD_LETTER_ERROR_NO_DECISION,
  RD_LETTER_ERROR_NO_REQUEST,
  RD_LETTER_ERROR_RENDER,
  RD_LETTER_ERROR_WRITE,
} RdLetterError;

/**
 * RdLetterKind:
 * @RD_LETTER_APPROVAL: the request is approved (medically necessary)
 * @RD_LETTER_ADVERSE: an adverse determination by a physician reviewer
 * @RD_LETTER_PEND: the request waits for documentation from the provider
 */
typedef enum {
  RD_LETTER_APPROVAL,
  RD_LETTER_ADVERSE,
  RD_LETTER_PEND,
} RdLetterKind;

/**
 * RdLetterFlags:
 * @RD_LETTER_NONE: only a recorded determination makes a letter
 * @RD_LETTER_ALLOW_DRAFT: without one, draft the letter from the engine's
 *   recommendation, marked as a draft
 */
typedef enum {
  RD_LETTER_NONE = 0,
  RD_LETTER_ALLOW_DRAFT = 1 << 0,
} RdLetterFlags;

/**
 * RdLetterBlockKind:
 * @RD_LETTER_BLOCK_HEADING: a section heading (@text)
 * @RD_LETTER_BLOCK_FIELD: a labelled value, e.g. "Member: …"
 * @RD_LETTER_BLOCK_PARAGRAPH: a paragraph; @label, when set, leads it in bold
 * @RD_LETTER_BLOCK_ITEM: an item of a list
 * @RD_LETTER_BLOCK_QUOTE: the policy's own words; @label says where from
 */
typedef enum {
  RD_LETTER_BLOCK_HEADING,
  RD_LETTER_BLOCK_FIELD,
  RD_LETTER_BLOCK_PARAGRAPH,
  RD_LETTER_BLOCK_ITEM,
  RD_LETTER_BLOCK_QUOTE,
} RdLetterBlockKind;

typedef struct {
  RdLetterBlockKind  kind;
  char              *label;  /* nullable */
  char              *text;
} RdLetterBlock;

/**
 * RdLetterFormat:
 * @RD_LETTER_FORMAT_MARKDOWN: plain text with Markdown headings and lists
 * @RD_LETTER_FORMAT_PDF: a US Letter PDF drawn with cairo
 */
typedef enum {
  RD_LETTER_FORMAT_MARKDOWN,
  RD_LETTER_FORMAT_PDF,
} RdLetterFormat;

/**
 * RdLetter:
 * @kind: what the letter says
 * @draft: no determination is recorded yet; the letter is the engine's
 *   recommendation and says so on its face
 * @title: the letter's title, translated
 * @determination: the outcome in the policy's own words, e.g. "Investigational"
 * @outcome_id: (nullable): the policy outcome, e.g. "investigational"
 * @decided_by: (nullable): who recorded the determination, with credentials
 * @decided_role: their role (meaningful when @decided_by is set)
 * @policies: (element-type utf8): ids of the policies cited
 * @criteria: (element-type utf8): the criteria the letter gives as the
 *   reasons (for an adverse determination: the decisive criteria not met), as
 *   "policy-id/criterion-id"
 * @documentation: (element-type utf8): the documentation items requested (a
 *   pend), as "policy-id/item-id"
 * @blocks: (element-type RdLetterBlock): the letter, in reading order
 */
typedef struct {
  RdLetterKind  kind;
  gboolean      draft;
  char         *case_id;
  char         *seal_token;  /* nullable: the signed seal (rd_case_file_get_seal_token()) */
  char         *title;
  char         *determination;
  char         *outcome_id;
  char         *decided_by;
  RdRole        decided_role;
  GPtrArray    *policies;
  GPtrArray    *criteria;
  GPtrArray    *documentation;
  GPtrArray    *blocks;
  /*< private >*/
  gatomicrefcount ref_count;
} RdLetter;

RdLetter       *rd_letter_compose           (RdCaseFile      *case_file,
                                             GPtrArray       *policies,
                                             RdLetterFlags    flags,
                                             GError         **error);
RdLetter       *rd_letter_ref               (RdLetter        *letter);
void            rd_letter_unref             (RdLetter        *letter);

char           *rd_letter_to_markdown       (const RdLetter  *letter);
GBytes         *rd_letter_to_pdf            (const RdLetter  *letter,
                                             GError         **error);
RdLetterFormat  rd_letter_format_for_path   (const char      *path);
gboolean        rd_letter_write             (const RdLetter  *letter,
                                             GFile           *file,
                                             RdLetterFormat   format,
                                             GCancellable    *cancellable,
                                             GError         **error);
void            rd_letter_write_async       (RdLetter        *letter,
                                             GFile           *file,
                                             RdLetterFormat   format,
                                             GCancellable    *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer         user_data);
gboolean        rd_letter_write_finish      (GAsyncResult    *result,
                                             GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdLetter, rd_letter_unref)

G_END_DECLS
