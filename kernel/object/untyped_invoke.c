// SPDX-License-Identifier: MIT
/* Untyped_Retype: decode (untyped_plan_retype plus the destination slots),
 * then create the objects and their caps as children of the untyped. */
#include <arch/thread.h>
#include <tern/invocation.h>
#include <tern/string.h>
#include <tern/untyped.h>

enum { ARG_TYPE, ARG_SIZE, ARG_DEST_CNODE, ARG_DEST_INDEX, ARG_COUNT };

struct invocation_error untyped_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct cte *ut = inv->slot;

	if (inv->label != L4_UNTYPED_RETYPE)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	if (!invocation_has_args(inv, 5, &err))
		return err;
	uint32_t type = inv->mr[ARG_TYPE], count = inv->mr[ARG_COUNT];
	struct retype_plan plan;
	/* an untyped with no children left is empty again, whatever its watermark */
	if (!cdt_has_children(ut))
		ut->cap.free_offset = 0;
	err = untyped_plan_retype(&ut->cap, type, inv->mr[ARG_SIZE], count, &plan);
	if (err.code)
		return err;

	struct cte *cn = invocation_lookup_cap(inv, inv->mr[ARG_DEST_CNODE], ARG_DEST_CNODE, CAP_CNODE,
					       &err);
	if (!cn)
		return err;
	uint32_t slots = 1u << cn->cap.size_bits, first = inv->mr[ARG_DEST_INDEX];
	if (first >= slots || count > slots - first)
		return invocation_range(ARG_DEST_INDEX, 0, slots - count);
	struct cte *dest = (struct cte *)cn->cap.object + first;
	for (uint32_t i = 0; i < count; i++)
		if (!cte_is_empty(&dest[i]))
			return invocation_fail(L4_DELETE_FIRST, ARG_DEST_INDEX);

	/* invoke: cannot fail from here */
	uintptr_t base = ut->cap.object + plan.first_offset;
	size_t size = (size_t)1 << plan.object_bits;
	for (uint32_t i = 0; i < count; i++) {
		void *obj = (void *)(base + i * size);
		/* Device memory is not the kernel's to write; an untyped's memory is
		 * never seen until it becomes an object, which is zeroed then. */
		if (!ut->cap.device && type != L4_OBJ_UNTYPED)
			arch_zero(obj, size);
		object_init(type, obj, plan.object_bits);
		cte_insert_derived(ut, &dest[i],
				   object_cap(type, (uintptr_t)obj, plan.object_bits, ut->cap.device));
	}
	ut->cap.free_offset = plan.new_free_offset;
	return err;
}
