// SPDX-License-Identifier: MIT
/* The kernel's memset/memcpy/memmove (lib/string.c, also in every
 * user program) against byte-at-a-time references, over every alignment
 * of source and destination and lengths around the word and block sizes.
 * Compiled in under other names so the host C library keeps its own. */
#include "unit.h"
#define memset tern_memset
#define memcpy tern_memcpy
#define memmove tern_memmove
#include "../../lib/string.c"
#undef memset
#undef memcpy
#undef memmove

#define AREA 160
static const size_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 31, 32, 33, 35, 63, 64, 65, 100};

static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31 + i * 7 + 1);
}

static void memset_matches_bytes_at_every_alignment(void **state)
{
	unsigned char got[AREA], want[AREA];
	for (size_t off = 0; off < 8; off++)
		for (size_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
			size_t n = lengths[k];
			fill_pattern(got, AREA, 1);
			fill_pattern(want, AREA, 1);
			for (size_t i = 0; i < n; i++)
				want[off + i] = 0xa5;
			assert_ptr_equal(tern_memset(got + off, 0xa5, n), got + off);
			assert_memory_equal(got, want, AREA); /* nothing outside touched */
		}
}

static void memcpy_matches_bytes_for_every_alignment_pair(void **state)
{
	unsigned char src[AREA], got[AREA], want[AREA];
	fill_pattern(src, AREA, 2);
	for (size_t so = 0; so < 8; so++)
		for (size_t d_off = 0; d_off < 8; d_off++)
			for (size_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
				size_t n = lengths[k];
				fill_pattern(got, AREA, 3);
				fill_pattern(want, AREA, 3);
				for (size_t i = 0; i < n; i++)
					want[d_off + i] = src[so + i];
				assert_ptr_equal(tern_memcpy(got + d_off, src + so, n), got + d_off);
				assert_memory_equal(got, want, AREA);
			}
}

static void memmove_handles_overlap_both_ways(void **state)
{
	unsigned char buf[AREA], want[AREA], tmp[AREA];
	for (size_t so = 0; so < 40; so += 3)
		for (size_t d_off = 0; d_off < 40; d_off += 5)
			for (size_t k = 0; k < sizeof(lengths) / sizeof(lengths[0]); k++) {
				size_t n = lengths[k];
				fill_pattern(buf, AREA, 4);
				fill_pattern(want, AREA, 4);
				for (size_t i = 0; i < n; i++)
					tmp[i] = want[so + i];
				for (size_t i = 0; i < n; i++)
					want[d_off + i] = tmp[i];
				tern_memmove(buf + d_off, buf + so, n);
				assert_memory_equal(buf, want, AREA);
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memset_matches_bytes_at_every_alignment),
		cmocka_unit_test(memcpy_matches_bytes_for_every_alignment_pair),
		cmocka_unit_test(memmove_handles_overlap_both_ways),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
