/* SPDX-License-Identifier: MIT */
/* The VMM's part in the inter-VM channels (guests/channel/tern_channel.h):
 * it maps each channel's frames into its guest, describes them in the
 * guest's device tree and carries the doorbells: the guest's hypercall
 * becomes a signal to the peer VMM's notification, a signal from the peer
 * becomes the channel's edge-triggered interrupt in the guest. It never
 * maps the frames into itself and reads no message: it is off the data
 * path, and prints nothing per doorbell. */
#ifndef VMM_CHANNEL_H
#define VMM_CHANNEL_H

#include <l4/l4.h>
#include <l4/vmm_start.h>
#include "vgic_dist.h"

/* Maps the start page's channels into guest_vspace and adds their nodes to
 * the guest's dtb; incoming doorbells become interrupts of dist. NULL, or
 * why the guest gets no channels (it boots without them). */
const char *channel_attach(const struct l4_vmm_start *st, l4_cptr_t guest_vspace, void *dtb,
			   struct vgic_dist *dist, unsigned *next_slot);
/* Whether fn (the guest's r0 at an HVC) is a channel hypercall. */
bool channel_is_call(uint32_t fn);
/* Serves one: returns the value for the guest's r0. */
uint32_t channel_call(uint32_t fn, uint32_t arg);
/* The peer VMMs rang the channels whose badge bits are set in badge. */
void channel_doorbells(uint32_t badge);

#endif
