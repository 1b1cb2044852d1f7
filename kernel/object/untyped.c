// SPDX-License-Identifier: MIT
#include <arch/object.h>
#include <tern/bits.h>
#include <tern/untyped.h>

int object_size_bits(enum l4_object_type type, unsigned user_bits)
{
	switch (type) {
	case L4_OBJ_UNTYPED:
		if (user_bits < UNTYPED_MIN_BITS || user_bits > UNTYPED_MAX_BITS)
			return -1;
		return (int)user_bits;
	case L4_OBJ_CNODE:
		if (user_bits < CNODE_MIN_RADIX || user_bits > CNODE_MAX_RADIX)
			return -1;
		return (int)user_bits + CTE_SIZE_BITS;
	case L4_OBJ_TCB:
		return 10;
	case L4_OBJ_ENDPOINT:
	case L4_OBJ_NOTIFICATION:
		return 4;
	default: /* frames, tables, VSpaces, VCPUs: the arch's */
		return arch_object_size_bits(type);
	}
}

static bool is_memory_object(uint32_t type)
{
	return type == L4_OBJ_UNTYPED || arch_object_is_frame(type);
}

struct invocation_error untyped_plan_retype(const struct cap *untyped, uint32_t type,
					    uint32_t user_bits, uint32_t count,
					    struct retype_plan *plan)
{
	if (type >= L4_OBJ_TYPE_COUNT)
		return invocation_fail(L4_INVALID_ARGUMENT, 0);
	/* Device memory may hold frames and smaller untypeds, never kernel
	 * objects: the kernel must not keep its data in device registers. */
	if (untyped->device && !is_memory_object(type))
		return invocation_fail(L4_INVALID_ARGUMENT, 0);
	int bits = object_size_bits(type, user_bits);
	if (bits < 0 && type != L4_OBJ_CNODE && type != L4_OBJ_UNTYPED)
		return invocation_fail(L4_INVALID_ARGUMENT, 0); /* not on this CPU variant */
	if (bits < 0)
		return type == L4_OBJ_CNODE
			       ? invocation_range(1, CNODE_MIN_RADIX, CNODE_MAX_RADIX)
			       : invocation_range(1, UNTYPED_MIN_BITS, UNTYPED_MAX_BITS);
	if (count == 0 || count > RETYPE_MAX_COUNT)
		return invocation_range(2, 1, RETYPE_MAX_COUNT);

	uint64_t capacity = 1ull << untyped->size_bits;
	uint64_t start = ALIGN_UP((uint64_t)untyped->free_offset, 1ull << bits);
	uint64_t end = start + ((uint64_t)count << bits);
	if (end > capacity) {
		struct invocation_error e = invocation_fail(L4_NOT_ENOUGH_MEMORY, 2);
		e.available = start >= capacity ? 0 : (uint32_t)(capacity - start);
		return e;
	}
	plan->first_offset = (uint32_t)start;
	plan->object_bits = (unsigned)bits;
	plan->new_free_offset = (uint32_t)end;
	return invocation_ok();
}
