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
	a->bi = bi;
	a->contiguous_taken = 0;
	for (unsigned i = 0; i < L4_BOOTINFO_MAX_UNTYPED; i++)
		a->device_used[i] = 0;
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
		if (!err && (type == L4_OBJ_VSPACE || type == L4_OBJ_GUEST_VSPACE) &&
		    a->vspace_id_pool &&
		    (a->last_error = l4_vspace_id_assign(a->vspace_id_pool, slot)))
			return 0; /* the pool is full; the VSpace keeps its slot */
		if (!err) {
			a->objects++;
			return slot;
		}
		a->last_error = err;
		if (err != L4_NOT_ENOUGH_MEMORY)
			break;
		a->current++; /* this one is full: the next */
	}
	a->next_slot--; /* the slot stays free */
	return 0;
}

l4_cptr_t l4_alloc_vspace_id_pool(struct l4_allocator *a, l4_cptr_t control)
{
	l4_cptr_t untyped = l4_alloc_object(a, L4_OBJ_UNTYPED, L4_VSPACE_ID_POOL_BITS);
	l4_cptr_t pool = untyped ? l4_alloc_slot(a) : 0;
	if (!pool)
		return 0;
	a->last_error = l4_vspace_id_make_pool(control, untyped, a->cnode, pool);
	return a->last_error ? 0 : pool;
}

/* Takes the next `bits`-sized block of device untyped i into a new slot. */
static l4_cptr_t take_device_block(struct l4_allocator *a, unsigned i, unsigned type,
				   unsigned bits)
{
	l4_cptr_t slot = l4_alloc_slot(a);
	if (!slot)
		return 0;
	int err = l4_untyped_retype(a->bi->untyped_first + i, type, type == L4_OBJ_UNTYPED ? bits : 0,
				    a->cnode, slot, 1);
	if (err) {
		a->last_error = err;
		return 0;
	}
	a->device_used[i] += 1ull << bits;
	return slot;
}

l4_cptr_t l4_alloc_device_frame(struct l4_allocator *a, unsigned long long paddr)
{
	const struct l4_bootinfo *bi = a->bi;
	for (unsigned i = 0; i < bi->untyped_count && i < L4_BOOTINFO_MAX_UNTYPED; i++) {
		const struct l4_untyped_desc *u = &bi->untyped[i];
		if (!u->is_device || paddr < u->paddr || paddr >= u->paddr + (1ull << u->size_bits))
			continue;
		unsigned long long offset = (paddr - u->paddr) & ~(unsigned long long)(L4_PAGE_SIZE - 1);
		if (a->device_used[i] > offset) {
			a->last_error = L4_RANGE_ERROR; /* taken before */
			return 0;
		}
		/* skip to it in the largest aligned blocks (few slots) */
		while (a->device_used[i] < offset) {
			unsigned long long used = a->device_used[i];
			unsigned bits = 12;
			while (!(used & ((1ull << (bits + 1)) - 1)) && used + (1ull << (bits + 1)) <= offset)
				bits++;
			if (!take_device_block(a, i, L4_OBJ_UNTYPED, bits))
				return 0;
		}
		return take_device_block(a, i, L4_OBJ_FRAME_4K, 12);
	}
	a->last_error = L4_INVALID_ARGUMENT;
	return 0;
}

l4_cptr_t l4_alloc_contiguous(struct l4_allocator *a, unsigned size_bits, unsigned long long *paddr)
{
	const struct l4_bootinfo *bi = a->bi;
	unsigned best = a->untyped_count;
	/* l4_alloc_object retypes only from untyped[current]; those after it
	 * are untouched unless taken here before, so a retype from one of them
	 * lands at its start */
	for (unsigned k = a->current + 1; k < a->untyped_count; k++) {
		unsigned bits = bi->untyped[a->untyped[k] - bi->untyped_first].size_bits;
		if (bits >= size_bits && !(a->contiguous_taken & (1ull << k)))
			best = k; /* sorted largest first: the last fit is the smallest */
	}
	if (best == a->untyped_count) {
		a->last_error = L4_NOT_ENOUGH_MEMORY;
		return 0;
	}
	l4_cptr_t slot = l4_alloc_slot(a);
	if (!slot) {
		a->last_error = L4_RANGE_ERROR;
		return 0;
	}
	int err = l4_untyped_retype(a->untyped[best], L4_OBJ_UNTYPED, size_bits, a->cnode, slot, 1);
	if (err) {
		a->last_error = err;
		a->next_slot--;
		return 0;
	}
	a->contiguous_taken |= 1ull << best;
	*paddr = bi->untyped[a->untyped[best] - bi->untyped_first].paddr;
	return slot;
}
