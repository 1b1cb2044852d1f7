/* SPDX-License-Identifier: MIT */
/* VSpaces and what is mapped into them. Mapped frames and tables remember
 * the VSpace by VMID, looked up in the kernel's VMID table, so a mapping
 * whose VSpace was deleted is recognised as gone (the cap never points at
 * memory that may since have been reused). */
#ifndef TERN_VSPACE_H
#define TERN_VSPACE_H

#include <tern/invocation.h>

#define VMID_COUNT 256 /* 8-bit VMIDs; 0 means none */

/* The VMID of a VSpace object, given one on first use; 0 when all are in
 * use. */
uint32_t vspace_vmid(void *vspace_object);
/* Registers the root task's VSpace, made at boot with its VMID. */
void vspace_register(void *vspace_object, uint32_t vmid);
/* The VSpace object with this VMID, or NULL. */
void *vspace_lookup(uint32_t vmid);
/* The last cap to a VSpace is gone: forget it and its TLB entries. */
void vspace_destroy(void *vspace_object);

/* Undoes the mapping a frame, page-table or page-directory cap made. */
void mapping_cap_unmap(struct cap *c);
struct invocation_error frame_invoke(struct invocation *inv);
struct invocation_error page_table_invoke(struct invocation *inv);

#endif
