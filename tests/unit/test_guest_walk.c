// SPDX-License-Identifier: MIT
/* The deprivileged guest's page-table walk and permission rule
 * (arch/arm/pv/guest_walk.c, docs/pv-vcpu.md section 5), on the host: each
 * descriptor kind, TTBCR's split and walk disables, tables outside guest
 * RAM, and the table that turns guest AP bits into a shadow's domain and
 * rights. Guest RAM is an array at a fixed guest-physical base; the
 * descriptors are spelled out from the ARM ARM's bit positions. */
#include "unit.h"
#include "../../arch/arm/pv/guest_walk.h"

#define RAM_BASE 0x40000000u
#define RAM_WORDS (64u * 1024u) /* 256 KiB */
static uint32_t ram[RAM_WORDS];
static unsigned reads;

static bool read_ram(void *ctx, uint32_t gpa, uint32_t *value)
{
	reads++;
	assert_int_equal(gpa & 3u, 0); /* the walk reads aligned words */
	if (gpa < RAM_BASE || gpa - RAM_BASE >= sizeof(ram))
		return false;
	*value = ram[(gpa - RAM_BASE) / 4];
	return true;
}

static void put(uint32_t gpa, uint32_t value)
{
	ram[(gpa - RAM_BASE) / 4] = value;
}

#define L1 RAM_BASE                 /* 16 KiB aligned */
#define L2 (RAM_BASE + 0x8000u)     /* 1 KiB aligned */
static const struct guest_walk_regs regs0 = {L1 | 0x4au, 0, 0}; /* walk attributes ignored */

static void setup(void)
{
	for (unsigned i = 0; i < RAM_WORDS; i++)
		ram[i] = 0;
	reads = 0;
}

static void sections_and_supersections(void **state)
{
	setup();
	struct guest_translation t;
	/* section at VA 0x00100000: PA 0x12300000, AP 011, XN */
	put(L1 + 1 * 4, 0x12300000u | 3u << 10 | 1u << 4 | 2u);
	assert_int_equal(guest_walk(&regs0, 0x00112345u, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x12312345u);
	assert_int_equal(t.ap, 3);
	assert_true(t.xn);
	assert_false(t.page);
	assert_int_equal(reads, 1);
	/* APX (bit 15) with AP 01: AP[2:0] = 101 */
	put(L1 + 2 * 4, 0x45600000u | 1u << 15 | 1u << 10 | 2u);
	assert_int_equal(guest_walk(&regs0, 0x00200010u, read_ram, NULL, &t), 0);
	assert_int_equal(t.ap, 5);
	assert_false(t.xn);
	/* supersection (bit 18): 16 MiB, every entry of the 16 alike */
	for (unsigned i = 0x10; i < 0x20; i++)
		put(L1 + i * 4, 0x7f000000u | 1u << 18 | 3u << 10 | 2u);
	assert_int_equal(guest_walk(&regs0, 0x01abcdefu, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x7fabcdefu);
	/* an extended base (above 4 GiB) is no address a guest has */
	put(L1 + 0x1a * 4, 0x7f000000u | 1u << 18 | 1u << 20 | 2u);
	assert_int_equal(guest_walk(&regs0, 0x01abcdefu, read_ram, NULL, &t), 0x005);
}

static void pages_and_faults(void **state)
{
	setup();
	struct guest_translation t;
	put(L1 + 3 * 4, L2 | 1u); /* a table for the MiB at 0x00300000 */
	/* small page 5: PA 0x2222f000, AP 010, APX, XN (bit 0) */
	put(L2 + 5 * 4, 0x2222f000u | 1u << 9 | 2u << 4 | 2u | 1u);
	assert_int_equal(guest_walk(&regs0, 0x00305abcu, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x2222fabcu);
	assert_int_equal(t.ap, 6);
	assert_true(t.xn);
	assert_true(t.page);
	assert_int_equal(reads, 2);
	/* large page (01): 64 KiB, XN at bit 15 */
	for (unsigned i = 0x10; i < 0x20; i++)
		put(L2 + i * 4, 0x33330000u | 1u << 15 | 3u << 4 | 1u);
	assert_int_equal(guest_walk(&regs0, 0x0031fedcu, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x3333fedcu);
	assert_int_equal(t.ap, 3);
	assert_true(t.xn);
	/* faults: no first-level entry, the reserved type, no page */
	assert_int_equal(guest_walk(&regs0, 0x00400000u, read_ram, NULL, &t), 0x005);
	put(L1 + 4 * 4, 0x00000003u);
	assert_int_equal(guest_walk(&regs0, 0x00400000u, read_ram, NULL, &t), 0x005);
	assert_int_equal(guest_walk(&regs0, 0x00306000u, read_ram, NULL, &t), 0x007);
	/* a second-level table outside guest RAM: an abort on the walk */
	put(L1 + 6 * 4, 0x01000000u | 1u);
	assert_int_equal(guest_walk(&regs0, 0x00600000u, read_ram, NULL, &t), 0x00e);
	/* and the first-level table itself */
	struct guest_walk_regs outside = {0x10000000u, 0, 0};
	assert_int_equal(guest_walk(&outside, 0x00600000u, read_ram, NULL, &t), 0x00c);
}

static void ttbcr_splits_and_disables(void **state)
{
	setup();
	struct guest_translation t;
	/* N = 1: TTBR0's table is 8 KiB (aligned to 8 KiB) for the low 2 GiB,
	 * TTBR1's the rest, indexed by the full VA */
	struct guest_walk_regs r = {L1 + 0x2000u, L1 + 0x4000u, 1};
	put(L1 + 0x2000u + 0x7ff * 4, 0x11100000u | 3u << 10 | 2u);
	put(L1 + 0x4000u + 0x800 * 4, 0x22200000u | 3u << 10 | 2u);
	assert_int_equal(guest_walk(&r, 0x7ff00004u, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x11100004u);
	assert_int_equal(guest_walk(&r, 0x80000008u, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x22200008u);
	/* PD0 and PD1: a translation fault without a walk */
	reads = 0;
	r.ttbcr = 1 | GUEST_TTBCR_PD0;
	assert_int_equal(guest_walk(&r, 0x7ff00004u, read_ram, NULL, &t), 0x005);
	assert_int_equal(guest_walk(&r, 0x80000008u, read_ram, NULL, &t), 0);
	r.ttbcr = 1 | GUEST_TTBCR_PD1;
	assert_int_equal(guest_walk(&r, 0x80000008u, read_ram, NULL, &t), 0x005);
	assert_int_equal(reads, 1);
	/* N = 0: TTBR0 for everything, TTBR1 never read */
	r = (struct guest_walk_regs){L1, 0xdead0000u, 0};
	put(L1 + 0x800 * 4, 0x33300000u | 3u << 10 | 2u);
	assert_int_equal(guest_walk(&r, 0x80000000u, read_ram, NULL, &t), 0);
	assert_int_equal(t.pa, 0x33300000u);
}

static void access_permissions_become_domains(void **state)
{
	/* section 5's table: AP[2:0] -> mapped, domain, write */
	static const struct {
		uint32_t ap;
		bool mapped;
		unsigned domain;
		bool write;
	} table[] = {
		{0, false, 0, false}, {1, true, 2, true}, {2, true, 1, false}, {3, true, 1, true},
		{4, false, 0, false}, {5, true, 2, false}, {6, true, 1, false}, {7, true, 1, false},
	};
	for (unsigned i = 0; i < 8; i++) {
		struct guest_rights g = guest_rights(table[i].ap);
		assert_int_equal(g.mapped, table[i].mapped);
		if (!g.mapped)
			continue;
		assert_int_equal(g.domain, table[i].domain);
		assert_int_equal(g.write, table[i].write);
	}
}

static void permits_follow_the_shadow(void **state)
{
	struct guest_translation kernel_rw = {.ap = 1}, user_rw = {.ap = 3, .xn = true},
				 kernel_rw_user_ro = {.ap = 2}, none = {.ap = 0};
	assert_true(guest_permits(&kernel_rw, false, GUEST_WRITE));
	assert_true(guest_permits(&kernel_rw, false, GUEST_EXECUTE));
	assert_false(guest_permits(&kernel_rw, true, GUEST_READ));
	assert_true(guest_permits(&user_rw, true, GUEST_WRITE));
	assert_false(guest_permits(&user_rw, true, GUEST_EXECUTE));
	assert_false(guest_permits(&user_rw, false, GUEST_EXECUTE));
	/* read-only for both in the shadow: the guest kernel's write is refused */
	assert_true(guest_permits(&kernel_rw_user_ro, true, GUEST_READ));
	assert_false(guest_permits(&kernel_rw_user_ro, false, GUEST_WRITE));
	assert_false(guest_permits(&none, false, GUEST_READ));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sections_and_supersections),
		cmocka_unit_test(pages_and_faults),
		cmocka_unit_test(ttbcr_splits_and_disables),
		cmocka_unit_test(access_permissions_become_domains),
		cmocka_unit_test(permits_follow_the_shadow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
