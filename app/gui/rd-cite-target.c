/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-cite-target.h"

struct _RdCiteTarget
{
  GObject           parent_instance;

  RdEvidenceTarget  kind;
  char             *policy_id;
  char             *target_id;
  char             *title;
  char             *subtitle;
};

G_DEFINE_FINAL_TYPE (RdCiteTarget, rd_cite_target, G_TYPE_OBJECT)

static void
rd_cite_target_finalize (GObject *object)
{
  RdCiteTarget *self = RD_CITE_TARGET (object);

  g_free (self->policy_id);
  g_free (self->target_id);
  g_free (self->title);
  g_free (self->subtitle);
  G_OBJECT_CLASS (rd_cite_target_parent_class)->finalize (object);
}

static void
rd_cite_target_class_init (RdCiteTargetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_cite_target_finalize;
}

static void
rd_cite_target_init (RdCiteTarget *self)
{
}

/**
 * rd_cite_target_new:
 * @kind: a criterion or a documentation item
 * @title: what the reviewer reads in the menu, e.g. the criterion's text
 * @subtitle: (nullable): e.g. the policy and section
 */
RdCiteTarget *
rd_cite_target_new (RdEvidenceTarget  kind,
                    const char       *policy_id,
                    const char       *target_id,
                    const char       *title,
                    const char       *subtitle)
{
  RdCiteTarget *self;

  g_return_val_if_fail (policy_id != NULL && target_id != NULL, NULL);

  self = g_object_new (RD_TYPE_CITE_TARGET, NULL);
  self->kind = kind;
  self->policy_id = g_strdup (policy_id);
  self->target_id = g_strdup (target_id);
  self->title = g_strdup (title != NULL ? title : target_id);
  self->subtitle = g_strdup (subtitle);
  return self;
}

RdEvidenceTarget
rd_cite_target_get_kind (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), RD_EVIDENCE_TARGET_CRITERION);
  return self->kind;
}

const char *
rd_cite_target_get_policy_id (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->policy_id;
}

const char *
rd_cite_target_get_target_id (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->target_id;
}

const char *
rd_cite_target_get_title (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->title;
}

/**
 * rd_cite_target_get_subtitle:
 *
 * Returns: (nullable): the subtitle
 */
const char *
rd_cite_target_get_subtitle (RdCiteTarget *self)
{
  g_return_val_if_fail (RD_IS_CITE_TARGET (self), NULL);
  return self->subtitle;
}
