// SPDX-License-Identifier: MIT
/* VSpace ids. A mapping records the id of its VSpace, never a pointer, so
 * a mapping whose VSpace is gone is recognised as gone. Ids come from
 * pools made of untyped memory that tasks pay for (the model is seL4's
 * ASID pools): a task that uses up its pool hurts no one else. The
 * directory of pools is the kernel's and small; only the holder of the
 * VSpaceIdControl cap (the root task) can fill it. Pool 0 is the kernel's
 * own, for the root task's VSpace made at boot. */
#include <arch/thread.h>
#include <tern/invocation.h>
#include <tern/string.h>
#include <tern/vspace.h>

/* One pool: a 4 KiB object. Its first word says where it sits in the
 * directory; id = index << 10 | (entry + 1), so no id is 0. */
struct vspace_id_pool {
	uint32_t index;
	void *vspace[L4_VSPACE_IDS_PER_POOL];
};
_Static_assert(sizeof(struct vspace_id_pool) == 1u << L4_VSPACE_ID_POOL_BITS,
	       "a pool fills its untyped exactly");
_Static_assert(VSPACE_ID_POOL_SHIFT == 10 && L4_VSPACE_IDS_PER_POOL < 1u << VSPACE_ID_POOL_SHIFT,
	       "ids of one pool fit below its index");

static struct vspace_id_pool boot_pool;
static struct vspace_id_pool *pools[1 + L4_VSPACE_ID_POOLS] = {&boot_pool};

static struct vspace_id_pool *pool_of(uint32_t id, uint32_t *entry)
{
	uint32_t index = id >> VSPACE_ID_POOL_SHIFT, low = id & ((1u << VSPACE_ID_POOL_SHIFT) - 1);
	if (index > L4_VSPACE_ID_POOLS || low == 0 || low > L4_VSPACE_IDS_PER_POOL)
		return NULL;
	*entry = low - 1;
	return pools[index];
}

uint32_t vspace_id(const void *vspace_object)
{
	return arch_vspace_object_id(vspace_object);
}

void vspace_register(void *vspace_object, uint32_t id)
{
	uint32_t entry = 0;
	struct vspace_id_pool *p = pool_of(id, &entry);
	if (p)
		p->vspace[entry] = vspace_object;
}

void *vspace_lookup(uint32_t id)
{
	uint32_t entry = 0;
	struct vspace_id_pool *p = pool_of(id, &entry);
	return p ? p->vspace[entry] : NULL;
}

const void *vspace_id_pool(uint32_t index)
{
	return index <= L4_VSPACE_ID_POOLS ? pools[index] : NULL;
}

uint32_t vspace_next_id(uint32_t id)
{
	for (id++; id < (1 + L4_VSPACE_ID_POOLS) << VSPACE_ID_POOL_SHIFT; id++) {
		uint32_t entry = 0;
		struct vspace_id_pool *p = pool_of(id, &entry);
		if (p && p->vspace[entry])
			return id;
		if (!pools[id >> VSPACE_ID_POOL_SHIFT])
			id |= (1u << VSPACE_ID_POOL_SHIFT) - 1; /* on to the next pool */
	}
	return 0;
}

void vspace_destroy(void *vspace_object)
{
	uint32_t entry = 0;
	struct vspace_id_pool *p = pool_of(vspace_id(vspace_object), &entry);
	if (p && p->vspace[entry] == vspace_object)
		p->vspace[entry] = NULL;
	/* its hardware VMID or ASID is not reused before the next generation,
	 * whose start drops every stale TLB entry */
	arch_vspace_destroyed(vspace_object);
}

void vspace_id_pool_destroy(void *pool_object)
{
	struct vspace_id_pool *p = pool_object;
	/* Bounded: one pool's entries. Each VSpace loses everything mapped in
	 * it, so no entry in it outlives a frame whose cap can no longer find
	 * it by the id; its threads fault until it gets a new id and mappings. */
	for (uint32_t i = 0; i < L4_VSPACE_IDS_PER_POOL; i++)
		if (p->vspace[i])
			arch_vspace_forget(p->vspace[i]);
	if (p->index && p->index <= L4_VSPACE_ID_POOLS && pools[p->index] == p)
		pools[p->index] = NULL;
}

enum { ARG_UNTYPED, ARG_DEST_CNODE, ARG_DEST_INDEX };

struct invocation_error vspace_id_control_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	if (inv->label != L4_VSPACE_ID_CONTROL_MAKE_POOL)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	if (!invocation_has_args(inv, 3, &err))
		return err;
	struct cte *ut = invocation_lookup_cap(inv, inv->mr[ARG_UNTYPED], ARG_UNTYPED, CAP_UNTYPED,
					       &err);
	if (!ut)
		return err;
	if (ut->cap.size_bits != L4_VSPACE_ID_POOL_BITS || ut->cap.device)
		return invocation_fail(L4_INVALID_ARGUMENT, ARG_UNTYPED);
	if (cdt_has_children(ut))
		return invocation_fail(L4_REVOKE_FIRST, ARG_UNTYPED);
	uint32_t index = 1;
	while (index <= L4_VSPACE_ID_POOLS && pools[index])
		index++;
	if (index > L4_VSPACE_ID_POOLS)
		return invocation_fail(L4_NOT_ENOUGH_MEMORY, 0);
	struct cte *dest = invocation_empty_slot(inv, ARG_DEST_CNODE, &err);
	if (!dest)
		return err;

	/* invoke: the untyped is used up by the pool, a child of it */
	struct vspace_id_pool *p = (struct vspace_id_pool *)ut->cap.object;
	memset(p, 0, sizeof(*p));
	p->index = index;
	pools[index] = p;
	ut->cap.free_offset = 1u << L4_VSPACE_ID_POOL_BITS;
	cte_insert_derived(ut, dest,
			   (struct cap){.type = CAP_VSPACE_ID_POOL, .rights = L4_RIGHTS_ALL,
					.size_bits = L4_VSPACE_ID_POOL_BITS, .object = (uintptr_t)p});
	return err;
}

struct invocation_error vspace_id_pool_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct vspace_id_pool *p = (struct vspace_id_pool *)inv->slot->cap.object;
	if (inv->label != L4_VSPACE_ID_POOL_ASSIGN)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	if (!invocation_has_args(inv, 1, &err))
		return err;
	struct cte *vs = invocation_lookup_cap(inv, inv->mr[0], 0, CAP_VSPACE, &err);
	if (!vs)
		return err;
	void *object = (void *)vs->cap.object;
	if (vspace_id(object))
		return invocation_fail(L4_ILLEGAL_OPERATION, 0); /* it has one */
	uint32_t entry = 0;
	while (entry < L4_VSPACE_IDS_PER_POOL && p->vspace[entry])
		entry++;
	if (entry == L4_VSPACE_IDS_PER_POOL)
		return invocation_fail(L4_NOT_ENOUGH_MEMORY, 0);

	p->vspace[entry] = object;
	arch_vspace_object_set_id(object, p->index << VSPACE_ID_POOL_SHIFT | (entry + 1));
	return err;
}
