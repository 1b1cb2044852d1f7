// SPDX-License-Identifier: MIT
#include <tern/bits.h>
#include <tern/memregion.h>
#include <tern/string.h>

void memregion_init(struct memregion_set *set)
{
	memset(set, 0, sizeof(*set));
}

static void remove_at(struct memregion_set *set, unsigned i)
{
	memmove(&set->r[i], &set->r[i + 1], (set->count - i - 1) * sizeof(set->r[0]));
	set->count--;
}

static int insert_at(struct memregion_set *set, unsigned i, paddr_t base, uint64_t size)
{
	if (set->count == MEMREGION_MAX)
		return -MEMREGION_ERR_FULL;
	memmove(&set->r[i + 1], &set->r[i], (set->count - i) * sizeof(set->r[0]));
	set->r[i] = (struct memregion){base, size};
	set->count++;
	return 0;
}

static bool range_valid(paddr_t base, uint64_t size)
{
	return size != 0 && base + size > base;
}

int memregion_add(struct memregion_set *set, paddr_t base, uint64_t size)
{
	if (!range_valid(base, size))
		return -MEMREGION_ERR_RANGE;
	paddr_t end = base + size;

	/* Absorb every free range that overlaps or touches the new one. */
	unsigned i = 0;
	while (i < set->count && set->r[i].base + set->r[i].size < base)
		i++;
	while (i < set->count && set->r[i].base <= end) {
		paddr_t rend = set->r[i].base + set->r[i].size;
		if (set->r[i].base < base)
			base = set->r[i].base;
		if (rend > end)
			end = rend;
		remove_at(set, i);
	}
	return insert_at(set, i, base, end - base);
}

int memregion_reserve(struct memregion_set *set, paddr_t base, uint64_t size)
{
	if (!range_valid(base, size))
		return -MEMREGION_ERR_RANGE;
	paddr_t end = base + size;

	for (unsigned i = 0; i < set->count;) {
		paddr_t rbase = set->r[i].base, rend = rbase + set->r[i].size;
		if (rend <= base || rbase >= end) {
			i++;
			continue;
		}
		if (rbase < base && rend > end) {
			/* Split in two: needs one more slot. */
			if (set->count == MEMREGION_MAX)
				return -MEMREGION_ERR_FULL;
			set->r[i].size = base - rbase;
			return insert_at(set, i + 1, end, rend - end);
		}
		if (rbase < base) {
			set->r[i].size = base - rbase;
			i++;
		} else if (rend > end) {
			set->r[i] = (struct memregion){end, rend - end};
			i++;
		} else {
			remove_at(set, i);
		}
	}
	return 0;
}

int memregion_alloc(struct memregion_set *set, uint64_t size, uint64_t align, paddr_t *out)
{
	if (size == 0 || !IS_POWER_OF_2(align))
		return -MEMREGION_ERR_RANGE;
	for (unsigned i = 0; i < set->count; i++) {
		paddr_t rbase = set->r[i].base, rend = rbase + set->r[i].size;
		paddr_t start = ALIGN_UP(rbase, align);
		if (start < rbase || start >= rend || rend - start < size)
			continue;
		int err = memregion_reserve(set, start, size);
		if (err)
			return err;
		*out = start;
		return 0;
	}
	return -MEMREGION_ERR_NOMEM;
}

uint64_t memregion_total(const struct memregion_set *set)
{
	uint64_t total = 0;
	for (unsigned i = 0; i < set->count; i++)
		total += set->r[i].size;
	return total;
}
