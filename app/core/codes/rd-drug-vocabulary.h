/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * The drug vocabulary (data/vocabulary/drugs.xml, compiled in): drug classes
 * with the purpose they serve, and ingredients with the names, brands and
 * synonyms a request may name them by, so that a policy can ask "is this drug
 * an opioid?" or "is it given for spasticity?" instead of listing names.
 *
 * An RdDrugVocabulary is immutable. Its records belong to it: keep a reference
 * while you hold one, and never modify one. String arrays are
 * %NULL-terminated and never %NULL themselves.
 */

#define RD_DRUG_VOCABULARY_ERROR (rd_drug_vocabulary_error_quark ())
GQuark rd_drug_vocabulary_error_quark (void);

/**
 * RdDrugVocabularyError:
 * @RD_DRUG_VOCABULARY_ERROR_DUPLICATE_ID: two classes or two ingredients share an id
 * @RD_DRUG_VOCABULARY_ERROR_UNKNOWN_CLASS: an ingredient names a class the file does not have
 * @RD_DRUG_VOCABULARY_ERROR_DUPLICATE_NAME: a name, brand or synonym is given twice
 *   (case, spaces and punctuation aside), so a request naming it would be ambiguous
 *
 * The semantic checks after the grammar. A file that cannot be parsed safely or
 * does not follow drugs.rng is refused with an #RdXmlError instead. Messages
 * name the line and the element, and say what to fix.
 */
typedef enum {
  RD_DRUG_VOCABULARY_ERROR_DUPLICATE_ID,
  RD_DRUG_VOCABULARY_ERROR_UNKNOWN_CLASS,
  RD_DRUG_VOCABULARY_ERROR_DUPLICATE_NAME,
} RdDrugVocabularyError;

/**
 * RdDrugClass:
 * @id: e.g. "opioid"
 * @label: in English, like policy text: "Opioid analgesic"
 * @purpose: what drugs of the class are given for, e.g. "pain"
 */
typedef struct {
  char *id;
  char *label;
  char *purpose;
} RdDrugClass;

/**
 * RdIngredient:
 * @id: e.g. "baclofen"
 * @name: the generic name, e.g. "baclofen"
 * @brands: brand names, e.g. "Lioresal Intrathecal", "Gablofen"
 * @synonyms: other names and abbreviations, e.g. "ITB"
 * @class_ids: the ids of its classes (at least one)
 * @rxnorm: (nullable): the RxNorm ingredient concept (RxCUI), where known
 */
typedef struct {
  char  *id;
  char  *name;
  char **brands;
  char **synonyms;
  char **class_ids;
  char  *rxnorm;
} RdIngredient;

#define RD_TYPE_DRUG_VOCABULARY (rd_drug_vocabulary_get_type ())
G_DECLARE_FINAL_TYPE (RdDrugVocabulary, rd_drug_vocabulary, RD, DRUG_VOCABULARY, GObject)

RdDrugVocabulary   *rd_drug_vocabulary_get_default     (void);
RdDrugVocabulary   *rd_drug_vocabulary_load            (GBytes            *xml,
                                                        GError           **error);
GPtrArray          *rd_drug_vocabulary_identify        (RdDrugVocabulary  *self,
                                                        const char        *text);
const RdIngredient *rd_drug_vocabulary_find_ingredient (RdDrugVocabulary  *self,
                                                        const char        *id);
const RdIngredient *rd_drug_vocabulary_find_rxnorm     (RdDrugVocabulary  *self,
                                                        const char        *rxcui);
const RdDrugClass  *rd_drug_vocabulary_find_class      (RdDrugVocabulary  *self,
                                                        const char        *id);
gboolean            rd_drug_vocabulary_knows_purpose   (RdDrugVocabulary  *self,
                                                        const char        *purpose);
gboolean            rd_ingredient_has_class            (const RdIngredient *ingredient,
                                                        const char         *class_id);
gboolean            rd_ingredient_has_purpose          (RdDrugVocabulary   *self,
                                                        const RdIngredient *ingredient,
                                                        const char         *purpose);

G_END_DECLS
