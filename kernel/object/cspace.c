// SPDX-License-Identifier: MIT
#include <tern/cspace.h>

static uint32_t bits_at(uint32_t cptr, unsigned top, unsigned width)
{
	/* width bits ending just below bit position top (64-bit: no UB at 32) */
	if (width == 0)
		return 0;
	return (uint32_t)(((uint64_t)cptr >> (top - width)) & ((1ull << width) - 1));
}

struct cap cnode_cap(struct cte *slots, unsigned radix, unsigned guard_bits, uint32_t guard)
{
	struct cap c = {.type = CAP_CNODE, .rights = L4_RIGHTS_ALL, .size_bits = (uint8_t)radix,
			.guard_bits = (uint8_t)guard_bits, .object = (uintptr_t)slots};
	c.guard = guard;
	return c;
}

struct lookup_result cspace_lookup_slot(const struct cap *root, uint32_t cptr, unsigned depth)
{
	struct lookup_result r = {.bits_left = depth};
	const struct cap *cap = root;

	if (depth < 1 || depth > CPTR_BITS) {
		r.fault = LOOKUP_DEPTH_MISMATCH;
		return r;
	}
	for (;;) {
		if (cap->type != CAP_CNODE) {
			r.fault = cap == root ? LOOKUP_INVALID_ROOT : LOOKUP_MISSING_CAPABILITY;
			return r;
		}
		unsigned radix = cap->size_bits, guard_bits = cap->guard_bits;
		unsigned level = radix + guard_bits;
		if (level == 0 || level > r.bits_left) {
			r.fault = LOOKUP_DEPTH_MISMATCH;
			return r;
		}
		if (bits_at(cptr, r.bits_left, guard_bits) != cap->guard) {
			r.fault = LOOKUP_GUARD_MISMATCH;
			return r;
		}
		uint32_t index = bits_at(cptr, r.bits_left - guard_bits, radix);
		struct cte *slot = (struct cte *)cap->object + index;
		r.bits_left -= level;
		if (r.bits_left == 0) {
			r.slot = slot;
			return r;
		}
		cap = &slot->cap;
	}
}

struct cte *cspace_lookup_cptr_walk(const struct cap *root, uint32_t cptr)
{
	struct lookup_result r = cspace_lookup_slot(root, cptr, CPTR_BITS);
	return r.fault == LOOKUP_OK ? r.slot : NULL;
}
