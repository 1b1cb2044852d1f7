// SPDX-License-Identifier: MIT
/* Frame, page-table and page-directory invocations, of both variants: the
 * levels are LPAE's (arch/thread.h), and what an entry is made of is the
 * variant's (hyp/mm/stage2.c, svc/mm/vspace.c). On SVC no page directory
 * exists (its size is -1), so its paths are never taken there, and a page
 * table covers 2 MiB as on HYP. Each cap holds at most
 * one mapping (a copy of a mapped frame cap starts unmapped), so deleting
 * or revoking caps removes exactly the mappings made through them. A table
 * has one cap (table caps are not copied), so it sits in at most one place,
 * and it is emptied whenever it leaves it. */
#include <arch/irq.h>
#include <arch/object.h>
#include <arch/thread.h>
#include <arch/vcpu.h>
#include <tern/bits.h>
#include <tern/vspace.h>

enum { ARG_VSPACE, ARG_VADDR, ARG_RIGHTS, ARG_ATTRIBUTES };

/* Level of the table entry a mapping occupies. */
static unsigned entry_level(const struct cap *c)
{
	switch (c->type) {
	case CAP_PAGE_DIRECTORY:
		return 1;
	case CAP_PAGE_TABLE:
		return 2;
	default:
		return c->size_bits == 12 ? 3 : 2;
	}
}

void arch_mapping_cap_unmap(struct cap *c)
{
	if (!c->mapped_in)
		return;
	void *vs = vspace_lookup(c->mapped_in);
	if (vs)
		arch_vspace_unmap(vs, c->mapped_at, entry_level(c), c->object);
	/* A table keeps nothing from where it was: mapped again, elsewhere or in
	 * another VSpace, it must not bring old entries along (the frames they
	 * map find their entries only where they were made). Also when its
	 * VSpace is gone and nothing was there to unmap. */
	if (c->type != CAP_FRAME)
		arch_vspace_table_clear((void *)c->object);
	c->mapped_in = 0;
	c->mapped_at = 0;
}

/* Decodes the VSpace and address arguments common to every Map. */
static void *decode_target(struct invocation *inv, uint32_t align, struct invocation_error *err)
{
	struct cap *c = &inv->slot->cap;
	if (!invocation_has_args(inv, 2, err))
		return NULL;
	if (c->mapped_in) {
		*err = invocation_fail(L4_ILLEGAL_OPERATION, ARG_VSPACE); /* unmap it first */
		return NULL;
	}
	struct cte *vs = invocation_lookup_cap(inv, inv->mr[ARG_VSPACE], ARG_VSPACE, CAP_VSPACE, err);
	if (!vs)
		return NULL;
	uint32_t vaddr = inv->mr[ARG_VADDR];
	if (!IS_ALIGNED(vaddr, align)) {
		*err = invocation_fail(L4_ALIGNMENT_ERROR, ARG_VADDR);
		return NULL;
	}
	/* it must lie below the limit and reach above the first page */
	if (vaddr >= ARCH_USER_LIMIT || align > ARCH_USER_LIMIT - vaddr ||
	    vaddr + align <= ARCH_USER_BASE) {
		*err = invocation_range(ARG_VADDR, ARCH_USER_BASE, ARCH_USER_LIMIT - 1);
		return NULL;
	}
	void *object = (void *)vs->cap.object;
	if (!vspace_id(object)) {
		*err = invocation_fail(L4_ILLEGAL_OPERATION, ARG_VSPACE); /* no id: VSpaceIdPool_Assign */
		return NULL;
	}
	return object;
}

static struct invocation_error map_result(int r, struct cap *c, void *vs, uint32_t vaddr)
{
	if (r == ARCH_MAP_NO_TABLE)
		return invocation_fail(L4_FAILED_LOOKUP, ARG_VADDR);
	if (r == ARCH_MAP_EXISTS)
		return invocation_fail(L4_DELETE_FIRST, ARG_VADDR);
	c->mapped_in = arch_vspace_object_id(vs);
	c->mapped_at = vaddr;
	return invocation_ok();
}

#define CLEAN_CHUNK 0x10000u /* 64 KiB */

static struct invocation_error frame_clean(struct invocation *inv, const struct cap *c)
{
	struct invocation_error err = invocation_ok();
	if (!invocation_has_args(inv, 2, &err))
		return err;
	uint32_t size = 1u << c->size_bits, offset = inv->mr[0], length = inv->mr[1];
	if (offset >= size)
		return invocation_range(0, 0, size - 1);
	if (length > size - offset)
		return invocation_range(1, 0, size - offset);
	if (c->device) /* device frames are never cached */
		return err;
	/* a chunk at a time with a preemption point between: a whole 2 MiB
	 * frame is some 60,000 instructions; a restart goes on from the
	 * offset and length written back into the caller's arguments */
	while (length) {
		uint32_t n = length < CLEAN_CHUNK ? length : CLEAN_CHUNK;
		arch_clean_to_memory((const uint8_t *)c->object + offset, n);
		offset += n;
		length -= n;
		if (length && arch_irq_pending()) {
			inv->mr[0] = offset;
			inv->mr[1] = length;
			inv->restart = true;
			inv->restart_args = 2;
			return err;
		}
	}
	return err;
}

static struct invocation_error frame_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct cap *c = &inv->slot->cap;

	if (inv->label == L4_FRAME_UNMAP) {
		arch_mapping_cap_unmap(c);
		return err;
	}
	if (inv->label == L4_FRAME_CLEAN)
		return frame_clean(inv, c);
	if (inv->label != L4_FRAME_MAP)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	void *vs = decode_target(inv, 1u << c->size_bits, &err);
	if (!vs)
		return err;
	if (!invocation_has_args(inv, 4, &err))
		return err;
	unsigned rights = c->rights & inv->mr[ARG_RIGHTS];
	if (!(rights & L4_RIGHT_READ))
		return invocation_fail(L4_INSUFFICIENT_RIGHTS, ARG_RIGHTS);
	if (c->device && arch_vcpu_interface_overlaps(c->object, 1ull << c->size_bits) &&
	    !arch_vspace_object_is_guest(vs))
		return invocation_fail(L4_ILLEGAL_OPERATION, ARG_VSPACE); /* a guest VSpace only */
	unsigned attributes = inv->mr[ARG_ATTRIBUTES];
	enum arch_frame_memory memory = c->device ? ARCH_FRAME_DEVICE
					: (attributes & L4_FRAME_UNCACHED) ? ARCH_FRAME_UNCACHED
									   : ARCH_FRAME_CACHED;
	bool executable = (attributes & L4_FRAME_EXECUTABLE) && memory == ARCH_FRAME_CACHED;

	int r = arch_vspace_map_frame(vs, inv->mr[ARG_VADDR], c->object, c->size_bits, rights,
				      memory, executable);
	/* Instruction fetch sees what the retype left, zeroes at the point of
	 * unification (untyped_invoke.c), or what the mapper wrote and cleaned
	 * (Frame_Clean, preemptible): only the instruction cache may still
	 * hold a previous owner's lines. Cleaning the frame here, line by
	 * line, kept interrupts waiting 65,000 instructions for a 2 MiB one. */
	if (r == ARCH_MAP_OK && executable)
		arch_invalidate_icache();
	return map_result(r, c, vs, inv->mr[ARG_VADDR]);
}

static struct invocation_error page_table_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct cap *c = &inv->slot->cap;
	bool directory = c->type == CAP_PAGE_DIRECTORY;

	if (inv->label == L4_PAGE_TABLE_UNMAP) {
		arch_mapping_cap_unmap(c);
		return err;
	}
	if (inv->label != L4_PAGE_TABLE_MAP)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	/* a directory covers 1 GiB of the address space, a table 2 MiB */
	void *vs = decode_target(inv, directory ? (1u << 30) : (1u << 21), &err);
	if (!vs)
		return err;
	int r = arch_vspace_map_table(vs, inv->mr[ARG_VADDR], directory ? 2 : 3, (void *)c->object);
	return map_result(r, c, vs, inv->mr[ARG_VADDR]);
}

struct invocation_error arch_decode_invocation(struct invocation *inv)
{
	switch (inv->slot->cap.type) {
	case CAP_FRAME:
		return frame_invoke(inv);
	case CAP_PAGE_TABLE:
	case CAP_PAGE_DIRECTORY:
		return page_table_invoke(inv);
	default:
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	}
}
