// SPDX-License-Identifier: MIT
/* The load/store decoder for MMIO exits of deprivileged guests: which
 * instructions it handles and why the others are refused is in
 * decode_ldst.h and docs/pv-vcpu.md. Encodings follow the ARM ARM
 * (ARMv7-A/R, DDI 0406C): A5.3 "Load/store word and unsigned byte",
 * A5.2.8 "Extra load/store instructions", A6.2.4 (16-bit Thumb load/store
 * single data), A6.3.7 to A6.3.10 (32-bit Thumb loads and stores). */
#include "decode_ldst.h"

#define BIT(n) (1u << (n))
#define FIELD(value, hi, lo) (((value) >> (lo)) & ((1u << ((hi) - (lo) + 1)) - 1u))

#define REG_SP 13u
#define REG_PC 15u

static enum ldst_result accept(struct ldst_access *a, unsigned size, unsigned rt, unsigned length,
			       bool write, bool sign_extend)
{
	a->size = (uint8_t)size;
	a->rt = (uint8_t)rt;
	a->length = (uint8_t)length;
	a->write = write;
	a->sign_extend = sign_extend;
	return LDST_OK;
}

/* ---- A32 */

/* LDR, STR, LDRB, STRB (and their T forms): bits 27..26 = 01. */
static enum ldst_result arm_word_or_byte(uint32_t insn, struct ldst_access *a)
{
	bool reg = insn & BIT(25), pre = insn & BIT(24), writeback = insn & BIT(21);
	unsigned rt = FIELD(insn, 15, 12), rm = FIELD(insn, 3, 0);
	if (reg && (insn & BIT(4)))
		return LDST_REFUSE_NOT_LOAD_STORE; /* media instructions */
	if (!pre && writeback)
		return LDST_REFUSE_UNPRIVILEGED;
	if (!pre || writeback)
		return LDST_REFUSE_WRITEBACK;
	if (rt == REG_PC)
		return LDST_REFUSE_PC_TRANSFER;
	if (reg && rm == REG_PC)
		return LDST_REFUSE_UNPREDICTABLE;
	return accept(a, insn & BIT(22) ? 1 : 4, rt, 4, !(insn & BIT(20)), false);
}

/* STRH, LDRH, LDRSB, LDRSH, LDRD, STRD (and their T forms): bits 27..25 =
 * 000, bit 7 and bit 4 set, bits 6..5 not 00. */
static enum ldst_result arm_extra(uint32_t insn, struct ldst_access *a)
{
	unsigned op2 = FIELD(insn, 6, 5), rt = FIELD(insn, 15, 12), rm = FIELD(insn, 3, 0);
	bool load = insn & BIT(20), imm = insn & BIT(22);
	bool pre = insn & BIT(24), writeback = insn & BIT(21);
	if (op2 != 1 && !load)
		return LDST_REFUSE_DOUBLEWORD; /* 10: LDRD, 11: STRD */
	if (!pre && writeback)
		return LDST_REFUSE_UNPRIVILEGED;
	if (!pre || writeback)
		return LDST_REFUSE_WRITEBACK;
	if (rt == REG_PC)
		return LDST_REFUSE_PC_TRANSFER;
	if (!imm && (rm == REG_PC || FIELD(insn, 11, 8) != 0))
		return LDST_REFUSE_UNPREDICTABLE;
	if (op2 == 1)
		return accept(a, 2, rt, 4, !load, false);
	return accept(a, op2 == 2 ? 1 : 2, rt, 4, false, true);
}

enum ldst_result ldst_decode_arm(uint32_t insn, struct ldst_access *a)
{
	if (FIELD(insn, 31, 28) == 0xf) { /* the unconditional space */
		if (FIELD(insn, 27, 25) == 4)
			return LDST_REFUSE_MULTIPLE; /* SRS, RFE */
		if (FIELD(insn, 27, 25) == 6 && (insn & (BIT(24) | BIT(23) | BIT(21))))
			return LDST_REFUSE_COPROCESSOR; /* LDC2, STC2 */
		if (FIELD(insn, 27, 24) == 4 && !(insn & BIT(20)))
			return LDST_REFUSE_COPROCESSOR; /* Advanced SIMD VLDn, VSTn */
		return LDST_REFUSE_NOT_LOAD_STORE;   /* PLD, PLI, BLX, CPS, ... */
	}
	switch (FIELD(insn, 27, 25)) {
	case 0:
		if (!(insn & BIT(7)) || !(insn & BIT(4)))
			return LDST_REFUSE_NOT_LOAD_STORE;
		if (FIELD(insn, 6, 5) != 0)
			return arm_extra(insn, a);
		if (FIELD(insn, 27, 24) == 1)
			return LDST_REFUSE_EXCLUSIVE; /* SWP, SWPB, LDREX, STREX, ... */
		return LDST_REFUSE_NOT_LOAD_STORE;    /* multiplies */
	case 2:
	case 3:
		return arm_word_or_byte(insn, a);
	case 4:
		return LDST_REFUSE_MULTIPLE;
	case 6:
		/* P, U and W all clear: MCRR, MRRC or undefined */
		if (insn & (BIT(24) | BIT(23) | BIT(21)))
			return LDST_REFUSE_COPROCESSOR;
		return LDST_REFUSE_NOT_LOAD_STORE;
	default:
		return LDST_REFUSE_NOT_LOAD_STORE;
	}
}

/* ---- Thumb */

bool ldst_thumb_is_32bit(uint16_t first)
{
	return (first >> 11) >= 0x1d; /* 0b11101, 0b11110, 0b11111 */
}

static enum ldst_result thumb16(unsigned insn, struct ldst_access *a)
{
	/* the register-offset group, by opB (bits 11..9) */
	static const struct {
		uint8_t size;
		bool write, sign_extend;
	} register_offset[8] = {
		{4, true, false},  {2, true, false},  {1, true, false}, {1, false, true},
		{4, false, false}, {2, false, false}, {1, false, false}, {2, false, true},
	};
	unsigned low_rt = FIELD(insn, 2, 0), high_rt = FIELD(insn, 10, 8);
	bool load = insn & BIT(11);
	switch (insn >> 11) {
	case 0x09: /* LDR literal */
		return accept(a, 4, high_rt, 2, false, false);
	case 0x0a:
	case 0x0b: {
		unsigned op = FIELD(insn, 11, 9);
		return accept(a, register_offset[op].size, low_rt, 2, register_offset[op].write,
			      register_offset[op].sign_extend);
	}
	case 0x0c:
	case 0x0d:
		return accept(a, 4, low_rt, 2, !load, false);
	case 0x0e:
	case 0x0f:
		return accept(a, 1, low_rt, 2, !load, false);
	case 0x10:
	case 0x11:
		return accept(a, 2, low_rt, 2, !load, false);
	case 0x12:
	case 0x13: /* SP-relative */
		return accept(a, 4, high_rt, 2, !load, false);
	case 0x16:
	case 0x17:
		if ((insn & 0x0600) == 0x0400)
			return LDST_REFUSE_MULTIPLE; /* PUSH, POP */
		return LDST_REFUSE_NOT_LOAD_STORE;
	case 0x18:
	case 0x19:
		return LDST_REFUSE_MULTIPLE; /* STM, LDM */
	default:
		return LDST_REFUSE_NOT_LOAD_STORE;
	}
}

/* Load/store dual or exclusive, table branch: 1110 100x x1xx. */
static enum ldst_result thumb32_dual_exclusive(unsigned first, unsigned second)
{
	unsigned op1 = FIELD(first, 8, 7), op2 = FIELD(first, 5, 4), op3 = FIELD(second, 7, 4);
	bool exclusive_size = op3 == 4 || op3 == 5 || op3 == 7; /* byte, halfword, doubleword */
	if (op1 == 0 && op2 <= 1)
		return LDST_REFUSE_EXCLUSIVE; /* STREX, LDREX */
	if (op1 == 1 && op2 == 1 && op3 <= 1)
		return LDST_REFUSE_NOT_LOAD_STORE; /* TBB, TBH */
	if (op1 == 1 && op2 <= 1)
		return exclusive_size ? LDST_REFUSE_EXCLUSIVE : LDST_REFUSE_UNALLOCATED;
	return LDST_REFUSE_DOUBLEWORD;
}

/* Load/store single data: 1111 100x xxxx. Bit 8 is sign extension, bits
 * 6..5 the size, bit 4 load, bit 7 the 12-bit immediate form (for the
 * literal forms, Rn = PC, the U bit). */
static enum ldst_result thumb32_single(unsigned first, unsigned second, struct ldst_access *a)
{
	bool sign = first & BIT(8), imm12 = first & BIT(7), load = first & BIT(4);
	unsigned size_code = FIELD(first, 6, 5), rn = FIELD(first, 3, 0);
	unsigned rt = FIELD(second, 15, 12), rm = FIELD(second, 3, 0), op2 = FIELD(second, 11, 6);
	bool reg = false;

	if (size_code == 3 || (sign && (!load || size_code == 2)))
		return LDST_REFUSE_UNALLOCATED;
	if (!load && rn == REG_PC)
		return LDST_REFUSE_UNALLOCATED;
	if (load && size_code != 2 && rt == REG_PC)
		return LDST_REFUSE_NOT_LOAD_STORE; /* PLD, PLI and the unallocated hints */
	if (rn == REG_PC || imm12) {
		/* literal or 12-bit immediate offset: no writeback */
	} else if (op2 == 0) {
		reg = true;
	} else if (op2 & 0x20) { /* 8-bit immediate: bits 10..8 are P, U, W */
		bool pre = second & BIT(10), up = second & BIT(9), writeback = second & BIT(8);
		if (pre && up && !writeback)
			return LDST_REFUSE_UNPRIVILEGED;
		if (!pre && !writeback)
			return LDST_REFUSE_UNALLOCATED;
		if (writeback)
			return LDST_REFUSE_WRITEBACK;
	} else {
		return LDST_REFUSE_UNALLOCATED;
	}
	if (rt == REG_PC)
		return LDST_REFUSE_PC_TRANSFER;
	if ((rt == REG_SP && size_code != 2) || (reg && (rm == REG_SP || rm == REG_PC)))
		return LDST_REFUSE_UNPREDICTABLE;
	return accept(a, 1u << size_code, rt, 4, !load, sign);
}

enum ldst_result ldst_decode_thumb(uint16_t first, uint16_t second, struct ldst_access *a)
{
	if (!ldst_thumb_is_32bit(first))
		return thumb16(first, a);
	if ((first & 0xfe40) == 0xe800)
		return LDST_REFUSE_MULTIPLE; /* LDM, STM, SRS, RFE */
	if ((first & 0xfe40) == 0xe840)
		return thumb32_dual_exclusive(first, second);
	if ((first & 0xee00) == 0xec00) {
		/* P, U and W all clear: MCRR, MRRC or undefined */
		if (first & (BIT(8) | BIT(7) | BIT(5)))
			return LDST_REFUSE_COPROCESSOR; /* LDC, STC, VLDR, VSTM, ... */
		return LDST_REFUSE_NOT_LOAD_STORE;
	}
	if ((first & 0xff10) == 0xf900)
		return LDST_REFUSE_COPROCESSOR; /* Advanced SIMD VLDn, VSTn */
	if ((first & 0xfe00) == 0xf800)
		return thumb32_single(first, second, a);
	return LDST_REFUSE_NOT_LOAD_STORE;
}

enum ldst_result ldst_decode(uint32_t insn, bool thumb, struct ldst_access *a)
{
	if (!thumb)
		return ldst_decode_arm(insn, a);
	if (insn >> 16)
		return ldst_decode_thumb((uint16_t)(insn >> 16), (uint16_t)insn, a);
	return ldst_decode_thumb((uint16_t)insn, 0, a);
}

/* ---- the A15's syndrome */

#define HSR_EC_DATA_ABORT 0x24u
#define HSR_EC_SHIFT 26
#define HSR_IL BIT(25)
#define ISS_ISV BIT(24)
#define ISS_SAS_SHIFT 22
#define ISS_SSE BIT(21)
#define ISS_SRT_SHIFT 16
#define ISS_WNR BIT(6)

uint32_t ldst_syndrome(const struct ldst_access *a)
{
	unsigned sas = a->size == 4 ? 2 : a->size == 2 ? 1 : 0;
	return HSR_EC_DATA_ABORT << HSR_EC_SHIFT | (a->length == 4 ? HSR_IL : 0) | ISS_ISV |
	       sas << ISS_SAS_SHIFT | (a->sign_extend ? ISS_SSE : 0) |
	       (uint32_t)(a->rt & 0xfu) << ISS_SRT_SHIFT | (a->write ? ISS_WNR : 0);
}

const char *ldst_result_name(enum ldst_result result)
{
	static const char *const names[LDST_RESULT_COUNT] = {
		[LDST_OK] = "ok",
		[LDST_REFUSE_NOT_LOAD_STORE] = "not a load or store",
		[LDST_REFUSE_UNALLOCATED] = "unallocated encoding",
		[LDST_REFUSE_MULTIPLE] = "load/store multiple",
		[LDST_REFUSE_DOUBLEWORD] = "doubleword load/store",
		[LDST_REFUSE_EXCLUSIVE] = "exclusive or swap",
		[LDST_REFUSE_COPROCESSOR] = "coprocessor or SIMD load/store",
		[LDST_REFUSE_UNPRIVILEGED] = "unprivileged (T) form",
		[LDST_REFUSE_WRITEBACK] = "base register writeback",
		[LDST_REFUSE_PC_TRANSFER] = "PC as the transfer register",
		[LDST_REFUSE_UNPREDICTABLE] = "unpredictable register use",
	};
	return (unsigned)result < LDST_RESULT_COUNT ? names[result] : "unknown result";
}
