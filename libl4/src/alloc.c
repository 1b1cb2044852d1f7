// SPDX-License-Identifier: MIT
#include <l4/alloc.h>

void l4_alloc_init(struct l4_allocator *a, const struct l4_bootinfo *bi)
{
	a->cnode = L4_CAP_INIT_CNODE;
	a->next_slot = bi->empty_first;
	a->end_slot = bi->empty_last;
	a->untyped_count = 0;
	a->current = 0;
	a->last_error = 0;
	/* RAM untypeds sorted by size, largest first (a short insertion sort) */
	for (unsigned i = 0; i < bi->untyped_count && i < L4_BOOTINFO_MAX_UNTYPED; i++) {
		if (bi->untyped[i].is_device)
			continue;
		unsigned k = a->untyped_count++;
		while (k > 0 && bi->untyped[a->untyped[k - 1] - bi->untyped_first].size_bits <
					bi->untyped[i].size_bits) {
			a->untyped[k] = a->untyped[k - 1];
			k--;
		}
		a->untyped[k] = bi->untyped_first + i;
	}
}

l4_cptr_t l4_alloc_slot(struct l4_allocator *a)
{
	return a->next_slot < a->end_slot ? a->next_slot++ : 0;
}

l4_cptr_t l4_alloc_untyped(const struct l4_allocator *a)
{
	return a->current < a->untyped_count ? a->untyped[a->current] : 0;
}

l4_cptr_t l4_alloc_object(struct l4_allocator *a, unsigned type, unsigned size_bits)
{
	l4_cptr_t slot = l4_alloc_slot(a);
	if (!slot) {
		a->last_error = L4_RANGE_ERROR;
		return 0;
	}
	while (a->current < a->untyped_count) {
		int err = l4_untyped_retype(a->untyped[a->current], type, size_bits, a->cnode, slot, 1);
		if (!err)
			return slot;
		a->last_error = err;
		if (err != L4_NOT_ENOUGH_MEMORY)
			break;
		a->current++; /* this one is full: the next */
	}
	a->next_slot--; /* the slot stays free */
	return 0;
}
