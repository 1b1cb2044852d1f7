/* SPDX-License-Identifier: MIT */
/* VSpaces and what is mapped into them. Each VSpace gets a stable id from
 * the kernel's VSpace table on first use; mapped frames and tables remember
 * that id, so a mapping whose VSpace was deleted is recognised as gone (a
 * cap never points at memory that may since have been reused). Hardware
 * VMIDs are separate and recycled by generation (tern/vmid_pool.h). */
#ifndef TERN_VSPACE_H
#define TERN_VSPACE_H

#include <tern/invocation.h>

#define VSPACE_ID_COUNT 1024 /* address spaces alive at once; 0 means none */
#define ROOT_VSPACE_ID 1

/* The id of a VSpace object, given one on first use; 0 when all are taken. */
uint32_t vspace_id(void *vspace_object);
/* Registers the root task's VSpace, made at boot. */
void vspace_register(void *vspace_object, uint32_t id);
/* The VSpace object with this id, or NULL. */
void *vspace_lookup(uint32_t id);
/* The last cap to a VSpace is gone: its id is free again. */
void vspace_destroy(void *vspace_object);

/* Undoes the mapping a frame, page-table or page-directory cap made. */
void mapping_cap_unmap(struct cap *c);
struct invocation_error frame_invoke(struct invocation *inv);
struct invocation_error page_table_invoke(struct invocation *inv);

#endif
