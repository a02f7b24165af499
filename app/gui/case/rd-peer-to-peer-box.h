/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-case-file.h"

G_BEGIN_DECLS

#define RD_TYPE_PEER_TO_PEER_BOX (rd_peer_to_peer_box_get_type ())
G_DECLARE_FINAL_TYPE (RdPeerToPeerBox, rd_peer_to_peer_box, RD, PEER_TO_PEER_BOX, GtkBox)

void     rd_peer_to_peer_box_set_case_file (RdPeerToPeerBox *self,
                                            RdCaseFile      *case_file);
/* Reads the case again: the steps recorded and what the actor may record. */
void     rd_peer_to_peer_box_refresh       (RdPeerToPeerBox *self);
/* For tests: the provider entry, the notes entry and how many steps show. */
GtkEditable *rd_peer_to_peer_box_get_provider_entry (RdPeerToPeerBox *self);
GtkEditable *rd_peer_to_peer_box_get_notes_entry    (RdPeerToPeerBox *self);
guint        rd_peer_to_peer_box_get_n_steps        (RdPeerToPeerBox *self);

G_END_DECLS
