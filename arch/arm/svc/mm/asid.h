/* SPDX-License-Identifier: MIT */
/* ASIDs of the SVC variant's address spaces (mm/asid.c), private to
 * arch/arm/svc: 8-bit hardware ids from the VMID pool's design
 * (kernel/lib/vmid_pool.c): a space keeps its ASID while its generation is
 * current; when they run out the generation advances and the whole TLB is
 * dropped, the only full flush. A switch between address spaces flushes
 * nothing. A space is a VSpace object, or a guest's shadow table
 * (svc/vcpu/shadow.c): a first-level table and its asid_tag. */
#ifndef ARCH_ARM_SVC_ASID_H
#define ARCH_ARM_SVC_ASID_H

#include "vspace_object.h"

/* Makes o the user address space (TTBR0, CONTEXTIDR), giving it an ASID
 * first when it has none in the current generation; nothing to do when it
 * already is. */
void asid_activate(struct vspace_object *o);
/* o is being deleted: its TLB entries go, and if it is the loaded space,
 * TTBR0 points at the empty table instead of memory about to be reused. */
void asid_release(struct vspace_object *o);
/* Drops the TLB's entries for the page at vaddr in o; nothing to do when o
 * has no ASID of the current generation (no entry of it can be cached). */
void asid_flush_page(const struct vspace_object *o, uint32_t vaddr);
/* Drops every TLB entry of o. */
void asid_flush_all(const struct vspace_object *o);

/* The same for any table (2048 entries, 8 KiB aligned) and its tag. */
void asid_activate_table(const uint32_t *l1, struct asid_tag *tag);
void asid_release_table(const uint32_t *l1, const struct asid_tag *tag);
void asid_flush_tag_page(const struct asid_tag *tag, uint32_t vaddr);
void asid_flush_tag(const struct asid_tag *tag);

#endif
