// SPDX-License-Identifier: MIT
/* Untyped_Retype: decode (untyped_plan_retype plus the destination slots),
 * then create the objects and their caps as children of the untyped. */
#include <arch/irq.h>
#include <arch/thread.h>
#include <tern/invocation.h>
#include <tern/string.h>
#include <tern/untyped.h>

enum { ARG_TYPE, ARG_SIZE, ARG_DEST_CNODE, ARG_DEST_INDEX, ARG_COUNT };

/* New objects are zeroed before their caps exist, a chunk at a time with a
 * preemption point between chunks: a 2 MiB frame of guest RAM would
 * otherwise keep interrupts waiting for 130,000 instructions (the RTOS's
 * 1 kHz task beside a Linux that starts). The progress survives the
 * restart of the call in the untyped cap (its mapped_in field, unused by
 * untypeds: the zeroed end), with this invariant: all memory from the
 * watermark up to it is zero. An untyped that resets to empty forgets it. */
#define ZERO_CHUNK 0x10000u /* 64 KiB: about 6,200 instructions with the clean */

static uint32_t zeroed_until(const struct cap *ut)
{
	return ut->mapped_in > ut->free_offset ? (uint32_t)ut->mapped_in : ut->free_offset;
}

/* Zeroes [watermark, end) of the untyped; false when it stopped early for
 * a pending interrupt (the call then runs again and goes on from there). */
static bool zero_up_to(struct cap *ut, uint32_t end)
{
	uint32_t from = zeroed_until(ut);
	while (from < end) {
		uint32_t n = end - from < ZERO_CHUNK ? end - from : ZERO_CHUNK;
		arch_zero((void *)(ut->object + from), n);
		/* to where instruction fetch reads: a frame of it mapped
		 * executable must not show its previous owner's data */
		arch_sync_icache((void *)(ut->object + from), n);
		from += n;
		ut->mapped_in = from;
		if (from < end && arch_irq_pending())
			return false;
	}
	return true;
}

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
		ut->cap.free_offset = ut->cap.mapped_in = 0; /* and what was zeroed is dirty again */
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

	/* Device memory is not the kernel's to write; an untyped's memory is
	 * never seen until it becomes an object, which is zeroed first. */
	uintptr_t base = ut->cap.object + plan.first_offset;
	size_t size = (size_t)1 << plan.object_bits;
	if (!ut->cap.device && type != L4_OBJ_UNTYPED &&
	    !zero_up_to(&ut->cap, plan.first_offset + count * (uint32_t)size)) {
		inv->restart = true;
		return err;
	}

	/* invoke: cannot fail from here */
	for (uint32_t i = 0; i < count; i++) {
		void *obj = (void *)(base + i * size);
		object_init(type, obj, plan.object_bits);
		cte_insert_derived(ut, &dest[i],
				   object_cap(type, (uintptr_t)obj, plan.object_bits, ut->cap.device));
	}
	ut->cap.free_offset = plan.new_free_offset;
	return err;
}
