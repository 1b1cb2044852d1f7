// SPDX-License-Identifier: MIT
/* The decoder of trapped coprocessor instructions (arch/arm/pv/decode_cp.c)
 * for the A9's deprivileged guests. Each reference word was assembled by
 * arm-none-eabi-as (-march=armv7-a -mcpu=cortex-a9 -mfpu=neon) from the
 * text beside it and read back with objdump; the expected syndromes are
 * worked out by hand from the ARM ARM's HSR layouts (B3.13.6). */
#include "unit.h"
#include <stdbool.h>
#include <l4/abi.h>
#include "../../arch/arm/pv/decode_cp.h"

struct reference {
	uint32_t insn; /* as objdump prints it */
	bool thumb;
	enum cp_kind kind;
	enum cp15_class class;
	unsigned index;  /* the register or operation, for REGISTER/TLB/CACHE */
	uint8_t rt;
	bool read;
	const char *text;
};

#define A false
#define T true
#define REG(r) CP15_REGISTER, L4_VCPU_##r
#define TLB(op) CP15_TLB, CP15_TLB_##op
#define CACHE(op) CP15_CACHE, CP15_CACHE_##op
#define OTHER CP15_OTHER, 0

static const struct reference references[] = {
	{0xee010f10, A, CP_MOVE, REG(SCTLR), 0, false, "mcr p15, 0, r0, c1, c0, 0"},
	{0xee113f10, A, CP_MOVE, REG(SCTLR), 3, true, "mrc p15, 0, r3, c1, c0, 0"},
	{0xee022f10, A, CP_MOVE, REG(TTBR0_LO), 2, false, "mcr p15, 0, r2, c2, c0, 0"},
	{0xec432f02, A, CP_MOVE64, REG(TTBR0_LO), 2, false, "mcrr p15, 0, r2, r3, c2"},
	{0xec554f12, A, CP_MOVE64, REG(TTBR1_LO), 4, true, "mrrc p15, 1, r4, r5, c2"},
	{0xec554f07, A, CP_MOVE64, REG(PAR_LO), 4, true, "mrrc p15, 0, r4, r5, c7"},
	{0xee031f10, A, CP_MOVE, REG(DACR), 1, false, "mcr p15, 0, r1, c3, c0, 0"},
	{0xee0d1f30, A, CP_MOVE, REG(CONTEXTIDR), 1, false, "mcr p15, 0, r1, c13, c0, 1"},
	{0xee1d1f70, A, CP_MOVE, REG(TPIDRURO), 1, true, "mrc p15, 0, r1, c13, c0, 3"},
	{0xee080f17, A, CP_MOVE, TLB(ALL), 0, false, "mcr p15, 0, r0, c8, c7, 0 (TLBIALL)"},
	{0xee080f37, A, CP_MOVE, TLB(MVA_ASID), 0, false, "mcr p15, 0, r0, c8, c7, 1 (TLBIMVA)"},
	{0xee080f57, A, CP_MOVE, TLB(ASID), 0, false, "mcr p15, 0, r0, c8, c7, 2 (TLBIASID)"},
	{0xee080f77, A, CP_MOVE, TLB(MVA_ALL_ASIDS), 0, false, "mcr p15, 0, r0, c8, c7, 3 (TLBIMVAA)"},
	{0xee080f33, A, CP_MOVE, TLB(MVA_ASID), 0, false, "mcr p15, 0, r0, c8, c3, 1 (TLBIMVAIS)"},
	{0xee070f15, A, CP_MOVE, CACHE(INVALIDATE_I_ALL), 0, false, "mcr p15, 0, r0, c7, c5, 0 (ICIALLU)"},
	{0xee070f36, A, CP_MOVE, CACHE(CLEAN_INVALIDATE_D), 0, false, "mcr p15, 0, r0, c7, c6, 1 (DCIMVAC)"},
	{0xee070f3e, A, CP_MOVE, CACHE(CLEAN_INVALIDATE_D), 0, false, "mcr p15, 0, r0, c7, c14, 1 (DCCIMVAC)"},
	{0xee070f3a, A, CP_MOVE, CACHE(CLEAN_D), 0, false, "mcr p15, 0, r0, c7, c10, 1 (DCCMVAC)"},
	{0xee070f3b, A, CP_MOVE, CACHE(CLEAN_D), 0, false, "mcr p15, 0, r0, c7, c11, 1 (DCCMVAU)"},
	{0xee070f5e, A, CP_MOVE, CP15_CACHE_SET_WAY, 0, 0, false, "mcr p15, 0, r0, c7, c14, 2 (DCCISW)"},
	{0xee070f9a, A, CP_MOVE, CP15_BARRIER, 0, 0, false, "mcr p15, 0, r0, c7, c10, 4 (CP15DSB)"},
	{0xee100f10, A, CP_MOVE, OTHER, 0, true, "mrc p15, 0, r0, c0, c0, 0 (MIDR: the VMM's)"},
	{0xee110f30, A, CP_MOVE, OTHER, 0, true, "mrc p15, 0, r0, c1, c0, 1 (ACTLR: the VMM's)"},
	{0xee190f1c, A, CP_MOVE, OTHER, 0, true, "mrc p15, 0, r0, c9, c12, 0 (PMCR: the VMM's)"},
	{0x1e117f10, A, CP_MOVE, REG(SCTLR), 7, true, "mrcne p15, 0, r7, c1, c0, 0"},
	{0xee100e11, A, CP_MOVE, OTHER, 0, true, "mrc p14, 0, r0, c0, c1, 0 (a debug register)"},
	{0xee500f10, A, CP_MOVE, REG(CSSELR), 0, true, "mrc p15, 2, r0, c0, c0, 0"},
	{0xee170f14, A, CP_MOVE, REG(PAR_LO), 0, true, "mrc p15, 0, r0, c7, c4, 0"},
	{0xee180f17, A, CP_MOVE, OTHER, 0, true, "mrc p15, 0, r0, c8, c7, 0 (reading a TLB operation)"},
	{0xeef82a10, A, CP_FPEXC, OTHER, 2, true, "vmrs r2, fpexc"},
	{0xeee83a10, A, CP_FPEXC, OTHER, 3, false, "vmsr fpexc, r3"},
	{0xeef12a10, A, CP_NOT_COPROCESSOR, OTHER, 0, false, "vmrs r2, fpscr (the guest's VFP)"},
	{0xe1600070, A, CP_SMC, OTHER, 0, false, "smc #0"},
	{0xee01ff10, A, CP_UNPREDICTABLE, OTHER, 0, false, "mcr p15, 0, pc, c1, c0, 0"},
	{0xec544f12, A, CP_UNPREDICTABLE, OTHER, 0, false, "mrrc p15, 1, r4, r4, c2 (by hand)"},
	{0xfe010f10, A, CP_NOT_COPROCESSOR, OTHER, 0, false, "mcr2 p15, 0, r0, c1, c0, 0"},
	{0xee010710, A, CP_NOT_COPROCESSOR, OTHER, 0, false, "mcr p7, 0, r0, c1, c0, 0"},
	{0xe5910000, A, CP_NOT_COPROCESSOR, OTHER, 0, false, "ldr r0, [r1]"},
	{0xee010f10, T, CP_MOVE, REG(SCTLR), 0, false, "mcr p15, 0, r0, c1, c0, 0"},
	{0xee1d3f70, T, CP_MOVE, REG(TPIDRURO), 3, true, "mrc p15, 0, r3, c13, c0, 3"},
	{0xec432f12, T, CP_MOVE64, REG(TTBR1_LO), 2, false, "mcrr p15, 1, r2, r3, c2"},
	{0xee01df10, T, CP_UNPREDICTABLE, OTHER, 0, false, "mcr p15, 0, sp, c1, c0, 0 (by hand)"},
	{0xf7f08000, T, CP_SMC, OTHER, 0, false, "smc #0"},
	{0xeee81a10, T, CP_FPEXC, OTHER, 1, false, "vmsr fpexc, r1"},
	{0xfe010f10, T, CP_NOT_COPROCESSOR, OTHER, 0, false, "mcr2 p15, 0, r0, c1, c0, 0"},
	{0x00004770, T, CP_NOT_COPROCESSOR, OTHER, 0, false, "bx lr"},
};

static void each_reference_word_decodes_as_its_assembly_says(void **state)
{
	for (size_t i = 0; i < sizeof(references) / sizeof(references[0]); i++) {
		const struct reference *r = &references[i];
		struct cp_access a;
		memset(&a, 0xa5, sizeof(a));
		enum cp_kind kind = cp_decode(r->insn, r->thumb, &a);
		if (kind != r->kind)
			fail_msg("%s %08x \"%s\": kind %d, expected %d", r->thumb ? "T32" : "A32",
				 r->insn, r->text, kind, r->kind);
		if (kind != CP_MOVE && kind != CP_MOVE64 && kind != CP_FPEXC)
			continue;
		if (a.rt != r->rt || a.read != r->read)
			fail_msg("%08x \"%s\": rt %u %s, expected rt %u %s", r->insn, r->text, a.rt,
				 a.read ? "read" : "write", r->rt, r->read ? "read" : "write");
		unsigned index = ~0u;
		enum cp15_class class = cp15_classify(kind, &a, &index);
		if (class != r->class || (r->class != CP15_OTHER && r->class != CP15_BARRIER &&
					  r->class != CP15_CACHE_SET_WAY && index != r->index))
			fail_msg("%08x \"%s\": class %d index %u, expected class %d index %u", r->insn,
				 r->text, class, index, r->class, r->index);
	}
}

/* A table of all-NOT_COPROCESSOR or all-REGISTER could not pass above:
 * every kind and every class is among the references. */
static void references_cover_every_kind_and_class(void **state)
{
	unsigned kinds = 0, classes = 0;
	for (size_t i = 0; i < sizeof(references) / sizeof(references[0]); i++) {
		kinds |= 1u << references[i].kind;
		classes |= 1u << references[i].class;
	}
	assert_int_equal(kinds, (1u << (CP_UNPREDICTABLE + 1)) - 1);
	assert_int_equal(classes, (1u << (CP15_BARRIER + 1)) - 1);
}

static uint32_t syndrome_of(uint32_t insn, bool thumb)
{
	struct cp_access a;
	return cp_syndrome(cp_decode(insn, thumb, &a), &a);
}

/* Worked by hand from B3.13.6: EC, IL, CV, COND, Opc2, Opc1, CRn, Rt,
 * CRm, Direction (EC 0x03); Opc1, Rt2, Rt, CRm, Direction (EC 0x04). */
static void syndrome_matches_the_a15s_hsr(void **state)
{
	/* mrc p15, 0, r3, c1, c0, 0: EC 3, IL, CV, COND e, CRn 1, Rt 3, read */
	assert_int_equal(syndrome_of(0xee113f10, false),
			 0x03u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 1u << 10 | 3u << 5 | 1);
	/* mrcne p15, 0, r7, c1, c0, 0: COND 1 */
	assert_int_equal(syndrome_of(0x1e117f10, false),
			 0x03u << 26 | 1u << 25 | 1u << 24 | 0x1u << 20 | 1u << 10 | 7u << 5 | 1);
	/* mcr p15, 0, r0, c8, c7, 3: Opc2 3, CRn 8, CRm 7, write */
	assert_int_equal(syndrome_of(0xee080f77, false),
			 0x03u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 3u << 17 | 8u << 10 | 7u << 1);
	/* mrc p15, 2, r0, c0, c0, 0: Opc1 2 */
	assert_int_equal(syndrome_of(0xee500f10, false),
			 0x03u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 2u << 14 | 1);
	/* mcrr p15, 0, r2, r3, c2: EC 4, Rt2 3, Rt 2, CRm 2 */
	assert_int_equal(syndrome_of(0xec432f02, false),
			 0x04u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 3u << 10 | 2u << 5 | 2u << 1);
	/* mrrc p15, 1, r4, r5, c2: Opc1 1, read */
	assert_int_equal(syndrome_of(0xec554f12, false),
			 0x04u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 1u << 16 | 5u << 10 | 4u << 5 |
				 2u << 1 | 1);
	/* mrc p14, 0, r0, c0, c1, 0: EC 5, CRm 1 */
	assert_int_equal(syndrome_of(0xee100e11, false),
			 0x05u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 1u << 1 | 1);
	/* Thumb mrc p15, 0, r3, c13, c0, 3: COND e, Opc2 3, CRn 13 */
	assert_int_equal(syndrome_of(0xee1d3f70, true),
			 0x03u << 26 | 1u << 25 | 1u << 24 | 0xeu << 20 | 3u << 17 | 13u << 10 | 3u << 5 | 1);
	/* smc: EC 0x13, IL, ISS 0, in both states */
	assert_int_equal(syndrome_of(0xe1600070, false), 0x13u << 26 | 1u << 25);
	assert_int_equal(syndrome_of(0xf7f08000, true), 0x13u << 26 | 1u << 25);
	/* no syndrome for what is not forwarded */
	assert_int_equal(syndrome_of(0xe5910000, false), 0);
	assert_int_equal(syndrome_of(0xee01ff10, false), 0);
	assert_int_equal(syndrome_of(0xeee83a10, false), 0);
}

/* Every register the classifier names is a real enum l4_vcpu_register
 * slot, and no two encodings give the same 32-bit register except the
 * 32- and 64-bit forms of the TTBRs and PAR. */
static void every_cp15_register_encoding_is_distinct(void **state)
{
	unsigned seen[L4_VCPU_REGISTER_COUNT] = {0};
	struct cp_access a = {.coproc = 15};
	for (unsigned crn = 0; crn < 16; crn++)
		for (unsigned opc1 = 0; opc1 < 8; opc1++)
			for (unsigned crm = 0; crm < 16; crm++)
				for (unsigned opc2 = 0; opc2 < 8; opc2++) {
					a.crn = crn, a.opc1 = opc1, a.crm = crm, a.opc2 = opc2;
					unsigned index = ~0u;
					if (cp15_classify(CP_MOVE, &a, &index) != CP15_REGISTER)
						continue;
					assert_true(index < L4_VCPU_REGISTER_COUNT);
					seen[index]++;
				}
	unsigned named = 0;
	for (unsigned i = 0; i < L4_VCPU_REGISTER_COUNT; i++) {
		assert_true(seen[i] <= 1);
		named += seen[i];
	}
	assert_int_equal(named, 23);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_reference_word_decodes_as_its_assembly_says),
		cmocka_unit_test(references_cover_every_kind_and_class),
		cmocka_unit_test(syndrome_matches_the_a15s_hsr),
		cmocka_unit_test(every_cp15_register_encoding_is_distinct),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
