/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small valid policy for loader and engine tests; the comments give the line
 * numbers that error messages must name. */
#pragma once

#define TEST_POLICY_XML \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          /*  1 */ \
  "<policy id=\"test-policy\" format=\"1\">\n"                                            /*  2 */ \
  "  <identity><payer>Test payer</payer><number>T-1</number><title>Test</title><source file=\"t.txt\">Test source</source></identity>\n" /* 3 */ \
  "  <outcomes>\n"                                                                        /*  4 */ \
  "    <outcome id=\"mn\" adverse=\"false\"><label>Medically necessary</label><cite section=\"S\">Covered.</cite></outcome>\n" /* 5 */ \
  "    <outcome id=\"nmn\" adverse=\"true\"><label>Not medically necessary</label><cite section=\"S\">Not covered.</cite></outcome>\n" /* 6 */ \
  "  </outcomes>\n"                                                                       /*  7 */ \
  "  <definitions>\n"                                                                     /*  8 */ \
  "    <threshold id=\"trial\" measure=\"pain reduction\" comparison=\"gt\" value=\"50\" unit=\"percent\"><text>More than half.</text><cite section=\"S\">greater than 50%</cite></threshold>\n" /* 9 */ \
  "  </definitions>\n"                                                                    /* 10 */ \
  "  <conditions>\n"                                                                      /* 11 */ \
  "    <condition id=\"tbi\"><question>Is it a TBI?</question><cite section=\"S\">tbi</cite></condition>\n" /* 12 */ \
  "  </conditions>\n"                                                                     /* 13 */ \
  "  <indications>\n"                                                                     /* 14 */ \
  "    <indication id=\"ind\" met=\"mn\" not-met=\"nmn\" request=\"initial\">\n"          /* 15 */ \
  "      <title>Indication</title><cite section=\"S\">Indication.</cite>\n"               /* 16 */ \
  "      <applies><drug>baclofen</drug><diagnoses ref=\"dx\"/></applies>\n"              /* 17 */ \
  "      <at-least id=\"root\" n=\"2\">\n"                                                /* 18 */ \
  "        <criterion id=\"c1\" threshold=\"trial\" documents=\"doc1\"><text>One.</text><cite section=\"S\">one</cite></criterion>\n" /* 19 */ \
  "        <criterion id=\"c2\" when=\"tbi\"><text>Two.</text><cite section=\"S\">two</cite></criterion>\n" /* 20 */ \
  "        <criterion id=\"c3\" judgement=\"true\" documents=\"doc1 doc2\"><text>Three.</text><cite section=\"S\">three</cite></criterion>\n" /* 21 */ \
  "      </at-least>\n"                                                                   /* 22 */ \
  "    </indication>\n"                                                                   /* 23 */ \
  "  </indications>\n"                                                                    /* 24 */ \
  "  <exclusions>\n"                                                                      /* 25 */ \
  "    <exclusion id=\"ex\" outcome=\"nmn\" codes=\"dx\"><text>Excluded.</text><cite section=\"S\">excluded</cite></exclusion>\n" /* 26 */ \
  "  </exclusions>\n"                                                                     /* 27 */ \
  "  <notes>\n"                                                                           /* 28 */ \
  "    <note id=\"n1\" kind=\"reviewer\" refers=\"c1\"><text>Note.</text><cite section=\"S\">note</cite></note>\n" /* 29 */ \
  "  </notes>\n"                                                                          /* 30 */ \
  "  <documentation>\n"                                                                   /* 31 */ \
  "    <item id=\"doc1\" phase=\"pre-service\"><text>Doc.</text><cite section=\"S\">doc</cite>\n" /* 32 */ \
  "      <item id=\"doc2\" phase=\"post-service\"><text>Nested.</text><cite section=\"S\">nested</cite></item></item>\n" /* 33 */ \
  "  </documentation>\n"                                                                  /* 34 */ \
  "  <codes>\n"                                                                           /* 35 */ \
  "    <code-list id=\"cpt\" system=\"CPT\" disposition=\"criteria\"><title>CPT</title><cite section=\"S\">cpt</cite>\n" /* 36 */ \
  "      <code value=\"62362\">Pump</code>\n"                                            /* 37 */ \
  "    </code-list>\n"                                                                    /* 38 */ \
  "    <code-list id=\"dx\" system=\"ICD-10-CM\" disposition=\"nmn\"><title>Dx</title><cite section=\"S\">dx</cite>\n" /* 39 */ \
  "      <range from=\"E08.00\" to=\"E08.9\">Diabetes</range>\n"                         /* 40 */ \
  "    </code-list>\n"                                                                    /* 41 */ \
  "    <code-list id=\"pcs\" system=\"ICD-10-PCS\" disposition=\"criteria\"><title>PCS</title><cite section=\"S\">pcs</cite>\n" /* 42 */ \
  "      <range from=\"0JH60VZ\" to=\"0JH63VZ\">Insertion</range>\n"                    /* 43 */ \
  "    </code-list>\n"                                                                    /* 44 */ \
  "  </codes>\n"                                                                          /* 45 */ \
  "</policy>\n"                                                                           /* 46 */
