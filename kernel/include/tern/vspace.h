/* SPDX-License-Identifier: MIT */
/* VSpaces and what is mapped into them. A VSpace is given an id from a
 * VSpace id pool (VSpaceIdPool_Assign) before anything is mapped into it or
 * a thread runs in it; mapped frames and tables remember that id, so a
 * mapping whose VSpace was deleted is recognised as gone (a cap never
 * points at memory that may since have been reused). Hardware VMIDs are
 * separate and recycled by generation (tern/vmid_pool.h). */
#ifndef TERN_VSPACE_H
#define TERN_VSPACE_H

#include <tern/invocation.h>

#define VSPACE_ID_POOL_SHIFT 10 /* id = pool index << 10 | entry + 1 */
#define ROOT_VSPACE_ID 1        /* the kernel's pool 0, first entry */

/* The id of a VSpace object, 0 when it has none. */
uint32_t vspace_id(const void *vspace_object);
/* Registers the root task's VSpace, made at boot, in the kernel's pool. */
void vspace_register(void *vspace_object, uint32_t id);
/* The VSpace object with this id, or NULL. */
void *vspace_lookup(uint32_t id);
/* The next id after `id` that names a VSpace, or 0: for walks over all. */
uint32_t vspace_next_id(uint32_t id);
/* The pool at this index of the directory (its first word), or NULL. */
const void *vspace_id_pool(uint32_t index);
/* The last cap to a VSpace is gone: its id is free again. */
void vspace_destroy(void *vspace_object);
/* The last cap to a pool is gone: its VSpaces lose their ids and mappings. */
void vspace_id_pool_destroy(void *pool_object);
struct invocation_error vspace_id_control_invoke(struct invocation *inv);
struct invocation_error vspace_id_pool_invoke(struct invocation *inv);


#endif
