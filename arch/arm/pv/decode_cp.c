// SPDX-License-Identifier: MIT
/* Coprocessor instructions a deprivileged guest traps on (decode_cp.h).
 * Encodings: ARM ARM (DDI 0406C) A8.8.98 MCR, A8.8.99 MCRR, A8.8.107 MRC,
 * A8.8.108 MRRC, B9.3.14 SMC, B6.1.3x VMRS/VMSR; the HSR layouts of
 * B3.13.6 ("Use of the HSR"). */
#include "decode_cp.h"
#include <l4/abi.h>

#define COND_ALWAYS 0xeu

static enum cp_kind cp_fields(uint32_t op, bool thumb, struct cp_access *a)
{
	/* The A32 and T32 encodings of the coprocessor moves share their low
	 * 28 bits: op is that part, bits 27..24 = 1110 for MCR/MRC, bits
	 * 27..21 = 1100010 for MCRR/MRRC. */
	a->thumb = thumb;
	a->coproc = (op >> 8) & 0xf;
	a->read = (op >> 20) & 1;
	a->rt = (op >> 12) & 0xf;
	a->crm = op & 0xf;
	if ((op & 0x0f000010) == 0x0e000010) {
		a->opc1 = (op >> 21) & 7;
		a->crn = (op >> 16) & 0xf;
		a->opc2 = (op >> 5) & 7;
		a->rt2 = 0;
		if (a->coproc == 10 && a->opc1 == 7 && a->crn == 8 && a->crm == 0 && a->opc2 == 0) {
			/* VMRS/VMSR FPEXC; Rt = PC would be VMRS APSR_nzcv, FPSCR only */
			if (a->rt == 15 || (thumb && a->rt == 13))
				return CP_UNPREDICTABLE;
			return CP_FPEXC;
		}
		if (a->coproc != 14 && a->coproc != 15)
			return CP_NOT_COPROCESSOR;
		/* MRC into PC is the APSR_nzcv form, only for CP14's DBGDSCRint;
		 * no guest needs it: refused, as a write from PC is. */
		if (a->rt == 15 || (thumb && a->rt == 13))
			return CP_UNPREDICTABLE;
		return CP_MOVE;
	}
	if ((op & 0x0fe00000) == 0x0c400000) {
		a->rt2 = (op >> 16) & 0xf;
		a->opc1 = (op >> 4) & 0xf;
		a->crn = 0;
		a->opc2 = 0;
		if (a->coproc != 14 && a->coproc != 15)
			return CP_NOT_COPROCESSOR;
		if (a->rt == 15 || a->rt2 == 15 || (thumb && (a->rt == 13 || a->rt2 == 13)) ||
		    (a->read && a->rt == a->rt2))
			return CP_UNPREDICTABLE;
		return CP_MOVE64;
	}
	return CP_NOT_COPROCESSOR;
}

enum cp_kind cp_decode(uint32_t insn, bool thumb, struct cp_access *access)
{
	struct cp_access a = {0};
	enum cp_kind kind;

	if (thumb) {
		uint16_t first = insn >> 16, second = insn & 0xffff;

		a.cond = COND_ALWAYS;
		/* SMC: 1111 0111 1111 imm4 | 1000 0000 0000 0000 */
		if ((first & 0xfff0) == 0xf7f0 && second == 0x8000) {
			a.thumb = true;
			*access = a;
			return CP_SMC;
		}
		/* 111x 11xx: coprocessor space; bit 12 of the first halfword set
		 * is the "2" forms (MCR2, ...), undefined for CP14/CP15 here */
		if ((first & 0xff00) != 0xee00 && (first & 0xffe0) != 0xec40)
			return CP_NOT_COPROCESSOR;
		kind = cp_fields(((uint32_t)(first & 0x0fff) << 16) | second, true, &a);
	} else {
		a.cond = insn >> 28;
		if (a.cond == 0xf) /* MCR2 and friends, and unconditional space */
			return CP_NOT_COPROCESSOR;
		if ((insn & 0x0ffffff0) == 0x01600070) {
			*access = a;
			return CP_SMC;
		}
		kind = cp_fields(insn, false, &a);
	}
	if (kind != CP_NOT_COPROCESSOR)
		*access = a;
	return kind;
}

uint32_t cp_syndrome(enum cp_kind kind, const struct cp_access *a)
{
	uint32_t ec, iss;
	const uint32_t il = 1u << 25, cv = 1u << 24;

	switch (kind) {
	case CP_MOVE:
		ec = a->coproc == 15 ? 0x03 : 0x05;
		iss = cv | (uint32_t)a->cond << 20 | (uint32_t)a->opc2 << 17 | (uint32_t)a->opc1 << 14 |
		      (uint32_t)a->crn << 10 | (uint32_t)a->rt << 5 | (uint32_t)a->crm << 1 | a->read;
		break;
	case CP_MOVE64:
		ec = a->coproc == 15 ? 0x04 : 0x0c;
		iss = cv | (uint32_t)a->cond << 20 | (uint32_t)a->opc1 << 16 | (uint32_t)a->rt2 << 10 |
		      (uint32_t)a->rt << 5 | (uint32_t)a->crm << 1 | a->read;
		break;
	case CP_SMC:
		ec = 0x13;
		iss = 0;
		break;
	default:
		return 0;
	}
	return ec << 26 | il | iss;
}

/* CP15 c1-c13 system registers a VCPU keeps (enum l4_vcpu_register):
 * CRn, opc1, CRm, opc2. The 64-bit TTBRs and PAR have their own forms. */
struct cp15_register_encoding {
	uint8_t crn, opc1, crm, opc2;
	uint8_t reg;
};

static const struct cp15_register_encoding cp15_registers[] = {
	{1, 0, 0, 0, L4_VCPU_SCTLR},      {1, 0, 0, 2, L4_VCPU_CPACR},
	{2, 0, 0, 0, L4_VCPU_TTBR0_LO},   {2, 0, 0, 1, L4_VCPU_TTBR1_LO},
	{2, 0, 0, 2, L4_VCPU_TTBCR},      {3, 0, 0, 0, L4_VCPU_DACR},
	{5, 0, 0, 0, L4_VCPU_DFSR},       {5, 0, 0, 1, L4_VCPU_IFSR},
	{5, 0, 1, 0, L4_VCPU_ADFSR},      {5, 0, 1, 1, L4_VCPU_AIFSR},
	{6, 0, 0, 0, L4_VCPU_DFAR},       {6, 0, 0, 2, L4_VCPU_IFAR},
	{7, 0, 4, 0, L4_VCPU_PAR_LO},     {10, 0, 2, 0, L4_VCPU_PRRR},
	{10, 0, 2, 1, L4_VCPU_NMRR},      {10, 0, 3, 0, L4_VCPU_AMAIR0},
	{10, 0, 3, 1, L4_VCPU_AMAIR1},    {12, 0, 0, 0, L4_VCPU_VBAR},
	{13, 0, 0, 1, L4_VCPU_CONTEXTIDR}, {13, 0, 0, 2, L4_VCPU_TPIDRURW},
	{13, 0, 0, 3, L4_VCPU_TPIDRURO},  {13, 0, 0, 4, L4_VCPU_TPIDRPRW},
	{0, 2, 0, 0, L4_VCPU_CSSELR},
};

static enum cp15_class cp15_c7(const struct cp_access *a, unsigned *index)
{
	if (a->opc1 != 0)
		return CP15_OTHER;
	switch (a->crm << 4 | a->opc2) {
	case 0x10: /* ICIALLUIS */
	case 0x16: /* BPIALLIS */
	case 0x50: /* ICIALLU */
	case 0x56: /* BPIALL */
		*index = CP15_CACHE_INVALIDATE_I_ALL;
		return CP15_CACHE;
	case 0x51: /* ICIMVAU */
	case 0x57: /* BPIMVA */
		*index = CP15_CACHE_INVALIDATE_I;
		return CP15_CACHE;
	case 0x61: /* DCIMVAC: performed as clean and invalidate */
	case 0xe1: /* DCCIMVAC */
		*index = CP15_CACHE_CLEAN_INVALIDATE_D;
		return CP15_CACHE;
	case 0xa1: /* DCCMVAC */
	case 0xb1: /* DCCMVAU */
		*index = CP15_CACHE_CLEAN_D;
		return CP15_CACHE;
	case 0x62: /* DCISW */
	case 0xa2: /* DCCSW */
	case 0xe2: /* DCCISW */
		return CP15_CACHE_SET_WAY;
	case 0x54: /* CP15ISB */
	case 0xa4: /* CP15DSB */
	case 0xa5: /* CP15DMB */
		return CP15_BARRIER;
	}
	return CP15_OTHER;
}

static enum cp15_class cp15_c8(const struct cp_access *a, unsigned *index)
{
	/* CRm 3: inner shareable, 5: instruction, 6: data, 7: unified; on one
	 * CPU with a unified view they all mean the same to a shadow. */
	if (a->opc1 != 0 || (a->crm != 3 && a->crm != 5 && a->crm != 6 && a->crm != 7))
		return CP15_OTHER;
	static const uint8_t ops[4] = {CP15_TLB_ALL, CP15_TLB_MVA_ASID, CP15_TLB_ASID,
	                               CP15_TLB_MVA_ALL_ASIDS};
	if (a->opc2 > 3 || ((a->crm == 5 || a->crm == 6) && a->opc2 == 3))
		return CP15_OTHER; /* no ITLBIMVAA/DTLBIMVAA in ARMv7 */
	*index = ops[a->opc2];
	return CP15_TLB;
}

enum cp15_class cp15_classify(enum cp_kind kind, const struct cp_access *a, unsigned *index)
{
	if (a->coproc != 15)
		return CP15_OTHER;
	if (kind == CP_MOVE64) {
		if (a->crm == 2 && a->opc1 <= 1) {
			*index = a->opc1 ? L4_VCPU_TTBR1_LO : L4_VCPU_TTBR0_LO;
			return CP15_REGISTER;
		}
		if (a->crm == 7 && a->opc1 == 0) {
			*index = L4_VCPU_PAR_LO;
			return CP15_REGISTER;
		}
		return CP15_OTHER;
	}
	if (kind != CP_MOVE)
		return CP15_OTHER;
	/* Maintenance operations are writes; an MRC of them is undefined. */
	if (a->crn == 7 && !(a->crm == 4 && a->opc2 == 0))
		return a->read ? CP15_OTHER : cp15_c7(a, index);
	if (a->crn == 8)
		return a->read ? CP15_OTHER : cp15_c8(a, index);
	for (unsigned i = 0; i < sizeof cp15_registers / sizeof cp15_registers[0]; i++) {
		const struct cp15_register_encoding *e = &cp15_registers[i];
		if (e->crn == a->crn && e->opc1 == a->opc1 && e->crm == a->crm && e->opc2 == a->opc2) {
			*index = e->reg;
			return CP15_REGISTER;
		}
	}
	return CP15_OTHER;
}
