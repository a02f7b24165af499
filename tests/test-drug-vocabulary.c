/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "rd-drug-vocabulary.h"
#include "rd-words.h"
#include "rd-xml.h"

/* The ingredient ids @text names, space-separated, in order. */
static char *
identify (const char *text)
{
  g_autoptr(GPtrArray) found = rd_drug_vocabulary_identify (rd_drug_vocabulary_get_default (), text);
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < found->len; i++)
    {
      const RdIngredient *ingredient = g_ptr_array_index (found, i);
      g_string_append_printf (ids, "%s%s", i ? " " : "", ingredient->id);
    }
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

typedef struct {
  const char *text;
  const char *ids;
} IdentifyCase;

static void
check_identify (const IdentifyCase *cases,
                gsize               n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *ids = identify (cases[i].text);

      g_test_message ("“%s” → “%s”", cases[i].text, ids);
      g_assert_cmpstr (ids, ==, cases[i].ids);
    }
}

static void
test_brands (void)
{
  static const IdentifyCase cases[] = {
    { "Gablofen", "baclofen" },
    { "Lioresal Intrathecal", "baclofen" },
    { "Lioresal", "baclofen" },
    { "ITB refill", "baclofen" },
    { "Infumorph", "morphine" },
    { "Duramorph PF", "morphine" },
    { "Mitigo", "morphine" },
    { "Dilaudid-HP", "hydromorphone" },
    { "Prialt", "ziconotide" },
    { "Duraclon", "clonidine" },
    { "Naropin", "ropivacaine" },
    { "Remodulin", "treprostinil" },
    { "Flolan", "epoprostenol" },
    { "FUDR", "floxuridine" },
    { "5-FU", "fluorouracil" },
    { "Humalog", "insulin-lispro" },
    { "Lovenox", "enoxaparin" },
    { "Zosyn", "piperacillin-tazobactam" },
    { "AmBisome", "amphotericin-b" },
    { "Desferal", "deferoxamine" },
    { "Spinraza", "nusinersen" },
    { "Sandostatin LAR Depot", "octreotide" },
  };

  check_identify (cases, G_N_ELEMENTS (cases));
}

static void
test_case_and_punctuation (void)
{
  static const IdentifyCase cases[] = {
    { "GABLOFEN", "baclofen" },
    { "gablofen®", "baclofen" },
    { "(Lioresal® Intrathecal)", "baclofen" },
    { "lioresal-intrathecal", "baclofen" },
    { "dilaudid hp", "hydromorphone" },
    { "DilaudidHP", "hydromorphone" },
    { "5FU", "fluorouracil" },
    { "5 fu", "fluorouracil" },
    { "piperacillin/tazobactam", "piperacillin-tazobactam" },
    { "Amphotericin-B liposomal", "amphotericin-b" },
  };

  check_identify (cases, G_N_ELEMENTS (cases));
}

static void
test_strength_and_route (void)
{
  static const IdentifyCase cases[] = {
    { "Gablofen 2000 mcg/mL intrathecal", "baclofen" },
    { "baclofen 500 mcg/mL, intrathecal infusion via implanted pump", "baclofen" },
    { "Infumorph 25 mg/mL preservative-free, intrathecal", "morphine" },
    { "floxuridine (FUDR) 0.3 mg/kg/day hepatic artery infusion", "floxuridine" },
    { "Remodulin 10 mg/mL subcutaneous", "treprostinil" },
    { "Humulin R U-500 via pump", "insulin-regular" },
  };

  check_identify (cases, G_N_ELEMENTS (cases));
}

static void
test_mixtures (void)
{
  static const IdentifyCase cases[] = {
    { "morphine + bupivacaine", "morphine bupivacaine" },
    { "bupivacaine/morphine", "bupivacaine morphine" },
    { "Infumorph with clonidine and bupivacaine", "morphine clonidine bupivacaine" },
    { "hydromorphone 10 mg/mL, Marcaine 0.5%", "hydromorphone bupivacaine" },
    { "morphine and morphine sulfate", "morphine" },
    /* a shorter name inside a longer name of another ingredient */
    { "insulin lispro", "insulin-lispro" },
    { "NovoLog (insulin aspart)", "insulin-aspart" },
    { "NPH insulin", "insulin-isophane" },
    { "insulin", "insulin-regular" },
    { "ampicillin-sulbactam", "ampicillin-sulbactam" },
    { "ampicillin", "ampicillin" },
  };

  check_identify (cases, G_N_ELEMENTS (cases));
}

static void
test_unknown (void)
{
  static const IdentifyCase cases[] = {
    { "", "" },
    { "normal saline", "" },
    { "intrathecal", "" },
    { "Gablo", "" },
    /* words, not substrings */
    { "hydromorphonex", "" },
    { "Lioresalx", "" },
  };
  g_autoptr(GPtrArray) none = rd_drug_vocabulary_identify (rd_drug_vocabulary_get_default (), NULL);

  check_identify (cases, G_N_ELEMENTS (cases));
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_classes_and_purposes (void)
{
  RdDrugVocabulary *vocabulary = rd_drug_vocabulary_get_default ();
  const RdIngredient *baclofen = rd_drug_vocabulary_find_ingredient (vocabulary, "baclofen");
  const RdIngredient *bupivacaine = rd_drug_vocabulary_find_ingredient (vocabulary, "bupivacaine");
  const RdIngredient *morphine = rd_drug_vocabulary_find_ingredient (vocabulary, "morphine");
  const RdIngredient *floxuridine = rd_drug_vocabulary_find_ingredient (vocabulary, "floxuridine");
  const RdDrugClass *opioid = rd_drug_vocabulary_find_class (vocabulary, "opioid");

  g_assert_nonnull (baclofen);
  g_assert_cmpstr (baclofen->name, ==, "baclofen");
  g_assert_true (g_strv_contains ((const char * const *) baclofen->brands, "Gablofen"));
  g_assert_true (g_strv_contains ((const char * const *) baclofen->synonyms, "ITB"));
  g_assert_cmpstr (baclofen->rxnorm, ==, "1292");
  g_assert_true (rd_ingredient_has_class (baclofen, "antispasticity"));
  g_assert_false (rd_ingredient_has_class (baclofen, "opioid"));
  g_assert_true (rd_ingredient_has_purpose (vocabulary, baclofen, "spasticity"));
  g_assert_false (rd_ingredient_has_purpose (vocabulary, baclofen, "pain"));

  g_assert_true (rd_ingredient_has_class (morphine, "opioid"));
  g_assert_true (rd_ingredient_has_purpose (vocabulary, morphine, "pain"));
  g_assert_null (morphine->synonyms[0]);

  /* several classes */
  g_assert_true (rd_ingredient_has_class (bupivacaine, "nonopioid-analgesic"));
  g_assert_true (rd_ingredient_has_class (bupivacaine, "local-anesthetic"));
  g_assert_false (rd_ingredient_has_class (bupivacaine, "opioid"));
  g_assert_true (rd_ingredient_has_purpose (vocabulary, bupivacaine, "pain"));

  g_assert_true (rd_ingredient_has_purpose (vocabulary, floxuridine, "cancer"));
  g_assert_null (floxuridine->rxnorm);

  g_assert_nonnull (opioid);
  g_assert_cmpstr (opioid->label, ==, "Opioid analgesic");
  g_assert_cmpstr (opioid->purpose, ==, "pain");

  g_assert_null (rd_drug_vocabulary_find_ingredient (vocabulary, "aspirin"));
  g_assert_null (rd_drug_vocabulary_find_ingredient (vocabulary, NULL));
  g_assert_null (rd_drug_vocabulary_find_class (vocabulary, "pain"));
  g_assert_true (rd_drug_vocabulary_get_default () == vocabulary);
}

/* Every purpose a policy may ask about has at least one class, and every
 * class of every ingredient resolves. */
static void
test_purposes_present (void)
{
  static const char * const purposes[] = {
    "pain", "spasticity", "cancer", "pulmonary-hypertension", "diabetes",
    "thromboembolism", "infection", "iron-overload", "hormone-therapy",
    "spinal-muscular-atrophy",
  };
  static const struct { const char *ingredient, *purpose; } examples[] = {
    { "ziconotide", "pain" }, { "clonidine", "pain" }, { "baclofen", "spasticity" },
    { "fluorouracil", "cancer" }, { "treprostinil", "pulmonary-hypertension" },
    { "insulin-aspart", "diabetes" }, { "heparin", "thromboembolism" },
    { "vancomycin", "infection" }, { "amphotericin-b", "infection" },
    { "deferoxamine", "iron-overload" }, { "octreotide", "hormone-therapy" },
    { "nusinersen", "spinal-muscular-atrophy" },
  };
  RdDrugVocabulary *vocabulary = rd_drug_vocabulary_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      const RdIngredient *ingredient = rd_drug_vocabulary_find_ingredient (vocabulary, examples[i].ingredient);

      g_test_message ("%s: %s", examples[i].ingredient, examples[i].purpose);
      g_assert_nonnull (ingredient);
      g_assert_true (rd_ingredient_has_purpose (vocabulary, ingredient, examples[i].purpose));
      for (guint p = 0; p < G_N_ELEMENTS (purposes); p++)
        if (!g_str_equal (purposes[p], examples[i].purpose))
          g_assert_false (rd_ingredient_has_purpose (vocabulary, ingredient, purposes[p]));
    }
}

static void
test_words (void)
{
  g_auto(GStrv) words = rd_words_split ("Lioresal® Intrathecal (baclofen)");
  g_autofree char *key = rd_words_key ("Dilaudid-HP");
  guint start = 0, end = 0;

  g_assert_cmpuint (g_strv_length (words), ==, 3);
  g_assert_cmpstr (words[0], ==, "lioresal");
  g_assert_cmpstr (key, ==, "dilaudidhp");
  g_assert_true (rd_words_find ((const char * const *) words, "baclofen", 0, &start, &end));
  g_assert_cmpuint (start, ==, 2);
  g_assert_cmpuint (end, ==, 3);
  g_assert_false (rd_words_find ((const char * const *) words, "baclofen", 3, &start, &end));
  g_assert_false (rd_words_find ((const char * const *) words, "", 0, &start, &end));
  g_assert_true (rd_words_match ("lioresal intrathecal", "LIORESAL-INTRATHECAL"));
  g_assert_false (rd_words_match ("intrathecal", "Lioresal"));
}

/* ---- loading ---------------------------------------------------------- */

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define CLASSES \
  "<vocabulary version=\"1\">\n" \
  "  <class id=\"opioid\" purpose=\"pain\"><label>Opioid analgesic</label></class>\n" \
  "  <class id=\"antispasticity\" purpose=\"spasticity\"><label>Antispasticity agent</label></class>\n"
#define BACLOFEN \
  "  <ingredient id=\"baclofen\" class=\"antispasticity\">\n" \
  "    <name>baclofen</name><brand>Gablofen</brand><synonym>ITB</synonym>\n" \
  "  </ingredient>\n"

static RdDrugVocabulary *
load (const char  *xml,
      GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));

  return rd_drug_vocabulary_load (bytes, error);
}

static void
test_load_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDrugVocabulary) vocabulary =
    load (HEAD CLASSES BACLOFEN
          "  <ingredient id=\"morphine\" class=\"opioid\n   antispasticity\"><name>morphine</name></ingredient>\n"
          "</vocabulary>\n", &error);
  g_autoptr(GPtrArray) found = NULL;
  const RdIngredient *morphine;

  g_assert_no_error (error);
  found = rd_drug_vocabulary_identify (vocabulary, "Gablofen + morphine");
  g_assert_cmpuint (found->len, ==, 2);
  morphine = rd_drug_vocabulary_find_ingredient (vocabulary, "morphine");
  g_assert_cmpuint (g_strv_length (morphine->class_ids), ==, 2);
  g_assert_null (morphine->brands[0]);
}

typedef struct {
  const char *name;
  const char *xml;
  GQuark      domain;
  int         code;
  const char *says;   /* a part of the message */
} BadCase;

static void
test_load_refused (void)
{
  const BadCase cases[] = {
    { "not well-formed", HEAD CLASSES BACLOFEN "</vocabulary",
      RD_XML_ERROR, RD_XML_ERROR_MALFORMED, "not well-formed" },
    { "empty", "", RD_XML_ERROR, RD_XML_ERROR_MALFORMED, "drugs.xml" },
    { "doctype", HEAD "<!DOCTYPE vocabulary [<!ENTITY x \"baclofen\">]>\n" CLASSES
      "  <ingredient id=\"baclofen\" class=\"antispasticity\"><name>&x;</name></ingredient>\n</vocabulary>\n",
      RD_XML_ERROR, RD_XML_ERROR_DOCTYPE, "DOCTYPE" },
    { "grammar: no name", HEAD CLASSES
      "  <ingredient id=\"baclofen\" class=\"antispasticity\"><brand>Gablofen</brand></ingredient>\n</vocabulary>\n",
      RD_XML_ERROR, RD_XML_ERROR_INVALID, "line 5" },
    { "grammar: bad rxnorm", HEAD CLASSES
      "  <ingredient id=\"baclofen\" class=\"antispasticity\"><name>baclofen</name><rxnorm>RX1292</rxnorm></ingredient>\n</vocabulary>\n",
      RD_XML_ERROR, RD_XML_ERROR_INVALID, "rxnorm" },
    { "unknown class", HEAD CLASSES
      "  <ingredient id=\"baclofen\" class=\"antispasticity muscle-relaxant\"><name>baclofen</name></ingredient>\n</vocabulary>\n",
      RD_DRUG_VOCABULARY_ERROR, RD_DRUG_VOCABULARY_ERROR_UNKNOWN_CLASS,
      "drugs.xml, line 5, <ingredient id=\"baclofen\">: class=\"muscle-relaxant\"" },
    { "duplicate class id", HEAD CLASSES
      "  <class id=\"opioid\" purpose=\"pain\"><label>Opioid</label></class>\n" BACLOFEN "</vocabulary>\n",
      RD_DRUG_VOCABULARY_ERROR, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_ID, "line 5, <class id=\"opioid\">" },
    { "duplicate ingredient id", HEAD CLASSES BACLOFEN
      "  <ingredient id=\"baclofen\" class=\"opioid\"><name>other</name></ingredient>\n</vocabulary>\n",
      RD_DRUG_VOCABULARY_ERROR, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_ID, "line 8, <ingredient id=\"baclofen\">" },
    { "duplicate brand", HEAD CLASSES BACLOFEN
      "  <ingredient id=\"morphine\" class=\"opioid\"><name>morphine</name><brand>GABLOFEN</brand></ingredient>\n</vocabulary>\n",
      RD_DRUG_VOCABULARY_ERROR, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_NAME, "“GABLOFEN” names the ingredient “baclofen” already (as “Gablofen”, line 5)" },
    { "synonym is another's name", HEAD CLASSES BACLOFEN
      "  <ingredient id=\"morphine\" class=\"opioid\"><name>morphine</name><synonym>Baclo-fen</synonym></ingredient>\n</vocabulary>\n",
      RD_DRUG_VOCABULARY_ERROR, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_NAME, "line 8, <ingredient id=\"morphine\">" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RdDrugVocabulary) vocabulary = load (cases[i].xml, &error);

      g_test_message ("%s: %s", cases[i].name, error ? error->message : "(loaded)");
      g_assert_null (vocabulary);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/drug-vocabulary/brands", test_brands);
  g_test_add_func ("/drug-vocabulary/case-and-punctuation", test_case_and_punctuation);
  g_test_add_func ("/drug-vocabulary/strength-and-route", test_strength_and_route);
  g_test_add_func ("/drug-vocabulary/mixtures", test_mixtures);
  g_test_add_func ("/drug-vocabulary/unknown", test_unknown);
  g_test_add_func ("/drug-vocabulary/classes-and-purposes", test_classes_and_purposes);
  g_test_add_func ("/drug-vocabulary/purposes-present", test_purposes_present);
  g_test_add_func ("/drug-vocabulary/words", test_words);
  g_test_add_func ("/drug-vocabulary/load-minimal", test_load_minimal);
  g_test_add_func ("/drug-vocabulary/load-refused", test_load_refused);

  return g_test_run ();
}
