// SPDX-License-Identifier: MIT
/* The A9's load/store decoder for MMIO exits (arch/arm/pv/decode_ldst.c).
 * Each reference word below was assembled by arm-none-eabi-as
 * (-march=armv7-a -mfpu=neon) from the text beside it and read back with
 * objdump; the cross-check at the end compares the decoder with objdump's
 * disassembly of thousands of generated words (tests/unit/ldst_crosscheck.py). */
#include "unit.h"
#include <stdbool.h>
#include <l4/abi.h>
#include "../../arch/arm/pv/decode_ldst.h"

struct reference {
	uint32_t insn;      /* as objdump prints it */
	bool thumb;
	enum ldst_result result;
	uint8_t size, rt;
	bool write, sign_extend;
	const char *text;
};

#define A false
#define T true
#define LD false
#define ST true
#define OK(size, rt, write, sign) LDST_OK, size, rt, write, sign
#define NO(result) LDST_REFUSE_##result, 0, 0, false, false

static const struct reference references[] = {
	/* A32: word and byte, offset forms */
	{0xe5943004, A, OK(4, 3, LD, false), "ldr r3, [r4, #4]"},
	{0xe5143004, A, OK(4, 3, LD, false), "ldr r3, [r4, #-4]"},
	{0xe7910002, A, OK(4, 0, LD, false), "ldr r0, [r1, r2]"},
	{0xe7110102, A, OK(4, 0, LD, false), "ldr r0, [r1, -r2, lsl #2]"},
	{0xe59f5008, A, OK(4, 5, LD, false), "ldr r5, [pc, #8]"},
	{0xe5887010, A, OK(4, 7, ST, false), "str r7, [r8, #16]"},
	{0xe581e000, A, OK(4, 14, ST, false), "str lr, [r1]"},
	{0xe5d32001, A, OK(1, 2, LD, false), "ldrb r2, [r3, #1]"},
	{0xe7c32004, A, OK(1, 2, ST, false), "strb r2, [r3, r4]"},
	/* A32: halfword and signed, offset forms */
	{0xe1da90b2, A, OK(2, 9, LD, false), "ldrh r9, [sl, #2]"},
	{0xe14a90b2, A, OK(2, 9, ST, false), "strh r9, [sl, #-2]"},
	{0xe19210b3, A, OK(2, 1, LD, false), "ldrh r1, [r2, r3]"},
	{0xe10210b3, A, OK(2, 1, ST, false), "strh r1, [r2, -r3]"},
	{0xe1d540d3, A, OK(1, 4, LD, true), "ldrsb r4, [r5, #3]"},
	{0xe19540d6, A, OK(1, 4, LD, true), "ldrsb r4, [r5, r6]"},
	{0xe15cb0f6, A, OK(2, 11, LD, true), "ldrsh fp, [ip, #-6]"},
	{0xe19cb0f0, A, OK(2, 11, LD, true), "ldrsh fp, [ip, r0]"},
	/* A32: conditional forms decode alike (a failed condition never faults) */
	{0x15921000, A, OK(4, 1, LD, false), "ldrne r1, [r2]"},
	{0x05c21000, A, OK(1, 1, ST, false), "strbeq r1, [r2]"},
	/* A32: refused */
	{0xe5b21004, A, NO(WRITEBACK), "ldr r1, [r2, #4]!"},
	{0xe4921004, A, NO(WRITEBACK), "ldr r1, [r2], #4"},
	{0xe7a21003, A, NO(WRITEBACK), "str r1, [r2, r3]!"},
	{0xe0c210b2, A, NO(WRITEBACK), "strh r1, [r2], #2"},
	{0xe1f210d1, A, NO(WRITEBACK), "ldrsb r1, [r2, #1]!"},
	{0xe52d4004, A, NO(WRITEBACK), "push {r4} (str r4, [sp, #-4]!)"},
	{0xe49d4004, A, NO(WRITEBACK), "pop {r4} (ldr r4, [sp], #4)"},
	{0xe4b21000, A, NO(UNPRIVILEGED), "ldrt r1, [r2], #0"},
	{0xe4e21001, A, NO(UNPRIVILEGED), "strbt r1, [r2], #1"},
	{0xe0f210b0, A, NO(UNPRIVILEGED), "ldrht r1, [r2], #0"},
	{0xe0f210d0, A, NO(UNPRIVILEGED), "ldrsbt r1, [r2], #0"},
	{0xe0f210f2, A, NO(UNPRIVILEGED), "ldrsht r1, [r2], #2"},
	{0xe0e210b0, A, NO(UNPRIVILEGED), "strht r1, [r2], #0"},
	{0xe591f000, A, NO(PC_TRANSFER), "ldr pc, [r1]"},
	{0xe581f000, A, NO(PC_TRANSFER), "str pc, [r1]"},
	{0xe1d1f0b0, A, NO(PC_TRANSFER), "ldrh pc, [r1]"},
	{0xe791000f, A, NO(UNPREDICTABLE), "ldr r0, [r1, pc]"},
	{0xe19100bf, A, NO(UNPREDICTABLE), "ldrh r0, [r1, pc]"},
	{0xe1c200d0, A, NO(DOUBLEWORD), "ldrd r0, r1, [r2]"},
	{0xe1c420f8, A, NO(DOUBLEWORD), "strd r2, r3, [r4, #8]"},
	{0xe8900006, A, NO(MULTIPLE), "ldm r0, {r1, r2}"},
	{0xe92d4010, A, NO(MULTIPLE), "push {r4, lr}"},
	{0xf8900a00, A, NO(MULTIPLE), "rfeia r0"},
	{0xe1910f9f, A, NO(EXCLUSIVE), "ldrex r0, [r1]"},
	{0xe1812f90, A, NO(EXCLUSIVE), "strex r2, r0, [r1]"},
	{0xe1d10f9f, A, NO(EXCLUSIVE), "ldrexb r0, [r1]"},
	{0xe1020091, A, NO(EXCLUSIVE), "swp r0, r1, [r2]"},
	{0xe1420091, A, NO(EXCLUSIVE), "swpb r0, r1, [r2]"},
	{0xed910b00, A, NO(COPROCESSOR), "vldr d0, [r1]"},
	{0xed810a01, A, NO(COPROCESSOR), "vstr s0, [r1, #4]"},
	{0xed921500, A, NO(COPROCESSOR), "ldc p5, c1, [r2]"},
	{0xf421078f, A, NO(COPROCESSOR), "vld1.32 {d0}, [r1]"},
	{0xf5d1f000, A, NO(NOT_LOAD_STORE), "pld [r1]"},
	{0xe0810002, A, NO(NOT_LOAD_STORE), "add r0, r1, r2"},
	{0xe0000291, A, NO(NOT_LOAD_STORE), "mul r0, r1, r2"},
	{0xef000000, A, NO(NOT_LOAD_STORE), "svc 0"},

	/* Thumb, 16-bit */
	{0x6863, T, OK(4, 3, LD, false), "ldr r3, [r4, #4]"},
	{0x67e3, T, OK(4, 3, ST, false), "str r3, [r4, #124]"},
	{0x7fd1, T, OK(1, 1, LD, false), "ldrb r1, [r2, #31]"},
	{0x7011, T, OK(1, 1, ST, false), "strb r1, [r2, #0]"},
	{0x8ff5, T, OK(2, 5, LD, false), "ldrh r5, [r6, #62]"},
	{0x8075, T, OK(2, 5, ST, false), "strh r5, [r6, #2]"},
	{0x5888, T, OK(4, 0, LD, false), "ldr r0, [r1, r2]"},
	{0x5088, T, OK(4, 0, ST, false), "str r0, [r1, r2]"},
	{0x5288, T, OK(2, 0, ST, false), "strh r0, [r1, r2]"},
	{0x5488, T, OK(1, 0, ST, false), "strb r0, [r1, r2]"},
	{0x5688, T, OK(1, 0, LD, true), "ldrsb r0, [r1, r2]"},
	{0x5a88, T, OK(2, 0, LD, false), "ldrh r0, [r1, r2]"},
	{0x5c88, T, OK(1, 0, LD, false), "ldrb r0, [r1, r2]"},
	{0x5e88, T, OK(2, 0, LD, true), "ldrsh r0, [r1, r2]"},
	{0x9f02, T, OK(4, 7, LD, false), "ldr r7, [sp, #8]"},
	{0x96ff, T, OK(4, 6, ST, false), "str r6, [sp, #1020]"},
	{0x4a04, T, OK(4, 2, LD, false), "ldr r2, [pc, #16]"},
	{0xb510, T, NO(MULTIPLE), "push {r4, lr}"},
	{0xbd10, T, NO(MULTIPLE), "pop {r4, pc}"},
	{0xc806, T, NO(MULTIPLE), "ldmia r0!, {r1, r2}"},
	{0xc006, T, NO(MULTIPLE), "stmia r0!, {r1, r2}"},
	{0xbf00, T, NO(NOT_LOAD_STORE), "nop"},
	{0xdf00, T, NO(NOT_LOAD_STORE), "svc 0"},

	/* Thumb, 32-bit: immediate, register and literal offsets */
	{0xf8d98004, T, OK(4, 8, LD, false), "ldr.w r8, [r9, #4]"},
	{0xf8d98fff, T, OK(4, 8, LD, false), "ldr.w r8, [r9, #4095]"},
	{0xf8498c04, T, OK(4, 8, ST, false), "str.w r8, [r9, #-4]"},
	{0xf89ba001, T, OK(1, 10, LD, false), "ldrb.w sl, [fp, #1]"},
	{0xf80bac01, T, OK(1, 10, ST, false), "strb.w sl, [fp, #-1]"},
	{0xf8b0c002, T, OK(2, 12, LD, false), "ldrh.w ip, [r0, #2]"},
	{0xf820cc02, T, OK(2, 12, ST, false), "strh.w ip, [r0, #-2]"},
	{0xf9921003, T, OK(1, 1, LD, true), "ldrsb.w r1, [r2, #3]"},
	{0xf9121c03, T, OK(1, 1, LD, true), "ldrsb.w r1, [r2, #-3]"},
	{0xf9b21006, T, OK(2, 1, LD, true), "ldrsh.w r1, [r2, #6]"},
	{0xf9321c06, T, OK(2, 1, LD, true), "ldrsh.w r1, [r2, #-6]"},
	{0xf8521023, T, OK(4, 1, LD, false), "ldr.w r1, [r2, r3, lsl #2]"},
	{0xf8421003, T, OK(4, 1, ST, false), "str.w r1, [r2, r3]"},
	{0xf8121013, T, OK(1, 1, LD, false), "ldrb.w r1, [r2, r3, lsl #1]"},
	{0xf8221003, T, OK(2, 1, ST, false), "strh.w r1, [r2, r3]"},
	{0xf9321003, T, OK(2, 1, LD, true), "ldrsh.w r1, [r2, r3]"},
	{0xf9121003, T, OK(1, 1, LD, true), "ldrsb.w r1, [r2, r3]"},
	{0xf85f1008, T, OK(4, 1, LD, false), "ldr.w r1, [pc, #-8]"},
	{0xf89f1008, T, OK(1, 1, LD, false), "ldrb.w r1, [pc, #8]"},
	{0xf93f1008, T, OK(2, 1, LD, true), "ldrsh.w r1, [pc, #-8]"},
	{0xf8d1d000, T, OK(4, 13, LD, false), "ldr.w sp, [r1]"},
	{0xf8c1d000, T, OK(4, 13, ST, false), "str.w sp, [r1]"},
	/* Thumb, 32-bit: refused */
	{0xf8521f04, T, NO(WRITEBACK), "ldr.w r1, [r2, #4]!"},
	{0xf8521b04, T, NO(WRITEBACK), "ldr.w r1, [r2], #4"},
	{0xf8421d04, T, NO(WRITEBACK), "str.w r1, [r2, #-4]!"},
	{0xf8121901, T, NO(WRITEBACK), "ldrb.w r1, [r2], #-1"},
	{0xf9321f02, T, NO(WRITEBACK), "ldrsh.w r1, [r2, #2]!"},
	{0xf8521e04, T, NO(UNPRIVILEGED), "ldrt r1, [r2, #4]"},
	{0xf8021e00, T, NO(UNPRIVILEGED), "strbt r1, [r2]"},
	{0xf9321e00, T, NO(UNPRIVILEGED), "ldrsht r1, [r2]"},
	{0xf8221e02, T, NO(UNPRIVILEGED), "strht r1, [r2, #2]"},
	{0xf8d1f000, T, NO(PC_TRANSFER), "ldr.w pc, [r1]"},
	{0xf851f002, T, NO(PC_TRANSFER), "ldr.w pc, [r1, r2]"},
	{0xe9d20100, T, NO(DOUBLEWORD), "ldrd r0, r1, [r2]"},
	{0xe9c20102, T, NO(DOUBLEWORD), "strd r0, r1, [r2, #8]"},
	{0xe8f20102, T, NO(DOUBLEWORD), "ldrd r0, r1, [r2], #8"},
	{0xe8510f00, T, NO(EXCLUSIVE), "ldrex r0, [r1]"},
	{0xe8410200, T, NO(EXCLUSIVE), "strex r2, r0, [r1]"},
	{0xe8d10f4f, T, NO(EXCLUSIVE), "ldrexb r0, [r1]"},
	{0xe8c10f52, T, NO(EXCLUSIVE), "strexh r2, r0, [r1]"},
	{0xe8d2017f, T, NO(EXCLUSIVE), "ldrexd r0, r1, [r2]"},
	{0xe8d0f001, T, NO(NOT_LOAD_STORE), "tbb [r0, r1]"},
	{0xe8d0f011, T, NO(NOT_LOAD_STORE), "tbh [r0, r1, lsl #1]"},
	{0xe8900006, T, NO(MULTIPLE), "ldmia.w r0, {r1, r2}"},
	{0xe92d0030, T, NO(MULTIPLE), "stmdb sp!, {r4, r5}"},
	{0xed910b00, T, NO(COPROCESSOR), "vldr d0, [r1]"},
	{0xedc10a02, T, NO(COPROCESSOR), "vstr s1, [r1, #8]"},
	{0xf921078f, T, NO(COPROCESSOR), "vld1.32 {d0}, [r1]"},
	{0xf901070f, T, NO(COPROCESSOR), "vst1.8 {d0}, [r1]"},
	{0xf891f000, T, NO(NOT_LOAD_STORE), "pld [r1]"},
	{0xf891f008, T, NO(NOT_LOAD_STORE), "pld [r1, #8]"},
	{0xf991f000, T, NO(NOT_LOAD_STORE), "pli [r1]"},
	{0xeb010002, T, NO(NOT_LOAD_STORE), "add.w r0, r1, r2"},
};

static void check_reference(const struct reference *r)
{
	struct ldst_access a;
	memset(&a, 0xa5, sizeof(a));
	enum ldst_result got = ldst_decode(r->insn, r->thumb, &a);
	if (got != r->result)
		fail_msg("%s %08x \"%s\": %s, expected %s", r->thumb ? "T32" : "A32", r->insn,
			 r->text, ldst_result_name(got), ldst_result_name(r->result));
	if (got != LDST_OK)
		return;
	if (a.size != r->size || a.rt != r->rt || a.write != r->write ||
	    a.sign_extend != r->sign_extend)
		fail_msg("%08x \"%s\": size %u rt %u %s%s, expected size %u rt %u %s%s", r->insn,
			 r->text, a.size, a.rt, a.write ? "store" : "load",
			 a.sign_extend ? " signed" : "", r->size, r->rt, r->write ? "store" : "load",
			 r->sign_extend ? " signed" : "");
	unsigned length = !r->thumb || r->insn >> 16 ? 4 : 2;
	assert_int_equal(a.length, length);
}

static void each_reference_word_decodes_as_its_assembly_says(void **state)
{
	for (size_t i = 0; i < sizeof(references) / sizeof(references[0]); i++)
		check_reference(&references[i]);
}

/* Every width and both directions appear among the accepted references,
 * and every refusal is exercised, so a decoder that refused everything (or
 * accepted everything) could not pass the table above. */
static void references_cover_every_width_and_refusal(void **state)
{
	bool seen_result[LDST_RESULT_COUNT] = {false};
	unsigned seen_access = 0; /* bit: size index * 4 + write * 2 + sign */
	for (size_t i = 0; i < sizeof(references) / sizeof(references[0]); i++) {
		const struct reference *r = &references[i];
		seen_result[r->result] = true;
		if (r->result == LDST_OK)
			seen_access |= 1u << ((r->size == 4 ? 2 : r->size - 1) * 4 + r->write * 2 +
					      r->sign_extend);
	}
	for (unsigned i = 0; i < LDST_RESULT_COUNT; i++)
		if (i != LDST_REFUSE_UNALLOCATED && !seen_result[i])
			fail_msg("no reference for %s", ldst_result_name((enum ldst_result)i));
	/* byte, halfword, word loads and stores; signed byte and halfword loads */
	unsigned wanted = (1u << 0) | (1u << 2) | (1u << 1) | (1u << 4) | (1u << 6) | (1u << 5) |
		 (1u << 8) | (1u << 10);
	assert_int_equal(seen_access & wanted, wanted);
}

/* The A15's HSR for the same access: the exit message's MR1. */
static void syndrome_matches_the_a15s_iss_layout(void **state)
{
	struct ldst_access a;
	/* ldrsh fp, [ip, #-6]: EC 0x24, IL, ISV, SAS 01, SSE, SRT 11, read */
	assert_int_equal(ldst_decode_arm(0xe15cb0f6, &a), LDST_OK);
	assert_int_equal(ldst_syndrome(&a), 0x24u << 26 | 1u << 25 | 1u << 24 | 1u << 22 |
					    1u << 21 | 11u << 16);
	/* strb r1, [r2, #0] (16-bit Thumb): IL clear, SAS 00, WnR */
	assert_int_equal(ldst_decode_thumb(0x7011, 0, &a), LDST_OK);
	assert_int_equal(ldst_syndrome(&a), 0x24u << 26 | 1u << 24 | 1u << 16 | 1u << 6);
	/* str lr, [r1]: SAS 10, SRT 14, WnR */
	assert_int_equal(ldst_decode_arm(0xe581e000, &a), LDST_OK);
	assert_int_equal(ldst_syndrome(&a), 0x24u << 26 | 1u << 25 | 1u << 24 | 2u << 22 |
					    14u << 16 | 1u << 6);
	/* and through libl4's accessors, which the VMM uses */
	uint32_t hsr = ldst_syndrome(&a);
	assert_int_equal(L4_HSR_EC(hsr), L4_EC_DATA_ABORT);
	assert_int_equal(L4_HSR_DABT_ISV(hsr), 1);
	assert_int_equal(L4_HSR_DABT_SIZE(hsr), 4);
	assert_int_equal(L4_HSR_DABT_SRT(hsr), 14);
	assert_int_equal(L4_HSR_DABT_WRITE(hsr), 1);
}

static void thumb_length_follows_the_first_halfword(void **state)
{
	static const uint16_t wide[] = {0xe800, 0xe92d, 0xf000, 0xf8d9, 0xffff};
	static const uint16_t narrow[] = {0x0000, 0x6863, 0xbf00, 0xdf00, 0xe7fe /* b . */};
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		assert_true(ldst_thumb_is_32bit(wide[i]));
	for (size_t i = 0; i < sizeof(narrow) / sizeof(narrow[0]); i++)
		assert_false(ldst_thumb_is_32bit(narrow[i]));
	/* a 16-bit load ignores whatever follows it */
	struct ldst_access a;
	assert_int_equal(ldst_decode_thumb(0x6863, 0xffff, &a), LDST_OK);
	assert_int_equal(a.length, 2);
	assert_int_equal(a.rt, 3);
}

/* The same word means different things in the two states: the T bit decides. */
static void the_t_bit_selects_the_instruction_set(void **state)
{
	struct ldst_access a;
	/* 0xf8d98004 is ldr.w r8, [r9, #4] in Thumb, an unconditional-space word in A32 */
	assert_int_equal(ldst_decode(0xf8d98004, true, &a), LDST_OK);
	assert_int_not_equal(ldst_decode(0xf8d98004, false, &a), LDST_OK);
	/* 0x00006863 is a Thumb ldr, and an A32 AND with nothing to do with memory */
	assert_int_equal(ldst_decode(0x6863, true, &a), LDST_OK);
	assert_int_equal(ldst_decode(0x6863, false, &a), LDST_REFUSE_NOT_LOAD_STORE);
}

static void every_result_has_a_distinct_name(void **state)
{
	for (unsigned i = 0; i < LDST_RESULT_COUNT; i++) {
		const char *name = ldst_result_name((enum ldst_result)i);
		assert_non_null(name);
		assert_string_not_equal(name, "unknown result");
		for (unsigned j = 0; j < i; j++)
			assert_string_not_equal(name, ldst_result_name((enum ldst_result)j));
	}
	assert_string_equal(ldst_result_name(LDST_RESULT_COUNT), "unknown result");
}

/* tests/unit/ldst_crosscheck.py wrote one line per generated word:
 *   <A|T> <hex word> <expected result name> <size> <rt> <L|S> <0|1 sign>  ; objdump text
 * with the expectation taken from objdump's disassembly of the word. */
static void generated_words_agree_with_objdump(void **state)
{
	size_t size;
	char *text = load_test_file("ldst_cases.txt", &size);
	text[size < (1u << 20) ? size : (1u << 20) - 1] = '\0';
	unsigned cases = 0, accepted = 0, failures = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char state_letter, expected[32], dir;
		unsigned insn, esize, ert, esign;
		if (sscanf(line, "%c %x %31s %u %u %c %u", &state_letter, &insn, expected, &esize,
			   &ert, &dir, &esign) != 7)
			fail_msg("bad line in ldst_cases.txt: %s", line);
		struct ldst_access a;
		enum ldst_result got = ldst_decode(insn, state_letter == 'T', &a);
		char got_name[32];
		snprintf(got_name, sizeof(got_name), "%s", got == LDST_OK ? "ok" : "refused");
		bool good = strcmp(expected, got_name) == 0;
		if (good && got == LDST_OK)
			good = a.size == esize && a.rt == ert && a.write == (dir == 'S') &&
			       a.sign_extend == (esign == 1);
		if (!good && failures++ < 20)
			print_error("%s\n    decoder: %s (%s) size %u rt %u %s%s\n", line, got_name,
				    ldst_result_name(got), a.size, a.rt, a.write ? "S" : "L",
				    a.sign_extend ? " signed" : "");
		cases++;
		accepted += got == LDST_OK;
	}
	free(text);
	if (failures)
		fail_msg("%u of %u generated words disagree with objdump", failures, cases);
	/* the generator aims at the load/store space: most of it is accepted or refused on purpose */
	assert_true(cases >= 4000);
	assert_true(accepted >= cases / 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_reference_word_decodes_as_its_assembly_says),
		cmocka_unit_test(references_cover_every_width_and_refusal),
		cmocka_unit_test(syndrome_matches_the_a15s_iss_layout),
		cmocka_unit_test(thumb_length_follows_the_first_halfword),
		cmocka_unit_test(the_t_bit_selects_the_instruction_set),
		cmocka_unit_test(every_result_has_a_distinct_name),
		cmocka_unit_test(generated_words_agree_with_objdump),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
