/* SPDX-License-Identifier: MIT */
/* Decoding the coprocessor instructions a deprivileged guest kernel traps
 * on (Cortex-A9, no HYP): MCR/MRC and MCRR/MRRC to CP15 and CP14,
 * VMRS/VMSR of FPEXC and SMC. In USR they are undefined instructions; the
 * kernel reads the word, and this decoder says what it was, which system
 * register or maintenance operation it names, and the HSR the A15 would
 * have given the VMM for the same trap (EC 0x03/0x04/0x05/0x0c/0x13), so
 * that an access the kernel does not emulate reaches `vmm/` in the A15's
 * layout (docs/pv-vcpu.md, sections 6 and 7).
 *
 * Freestanding: fixed-width types only, no kernel headers. */
#ifndef ARCH_ARM_PV_DECODE_CP_H
#define ARCH_ARM_PV_DECODE_CP_H

#include <tern/types.h>

enum cp_kind {
	CP_NOT_COPROCESSOR = 0, /* not one of the forms below: the guest's own undef */
	CP_MOVE,                /* MCR/MRC: one core register */
	CP_MOVE64,              /* MCRR/MRRC: two core registers */
	CP_FPEXC,               /* VMRS/VMSR of FPEXC */
	CP_SMC,                 /* SMC #imm4 */
	CP_UNPREDICTABLE,       /* a coprocessor form with PC (or SP in Thumb)
	                         * as a transfer register, or MRRC with Rt = Rt2 */
};

struct cp_access {
	uint8_t coproc;  /* 14 or 15 (10 for FPEXC) */
	uint8_t opc1, crn, crm, opc2;
	uint8_t rt, rt2; /* rt2 only for CP_MOVE64 */
	bool read;       /* MRC, MRRC, VMRS: the guest reads into rt */
	bool thumb;
	uint8_t cond;    /* the A32 condition; 0xe for Thumb (it passed: it trapped) */
};

/* An A32 word, or a 32-bit Thumb instruction as objdump prints it (first
 * halfword in bits 31..16). 16-bit Thumb instructions are never
 * coprocessor instructions. */
enum cp_kind cp_decode(uint32_t insn, bool thumb, struct cp_access *access);

/* The A15's HSR for the same trap (IL set: every form is 32 bits):
 * EC 0x03 MCR/MRC CP15, 0x04 MCRR/MRRC CP15, 0x05 MCR/MRC CP14, 0x0c
 * MRRC CP14, 0x13 SMC (ISS 0). 0 for other kinds. */
uint32_t cp_syndrome(enum cp_kind kind, const struct cp_access *access);

/* What a CP15 access names, for the kernel's emulation. */
enum cp15_class {
	CP15_OTHER = 0,   /* implementation defined (c9 PMU, c15), ID registers,
	                   * ACTLR, ...: the VMM's (an exit) */
	CP15_REGISTER,    /* a system register of enum l4_vcpu_register: *index */
	CP15_TLB,         /* TLB maintenance: *index is the HC_TLB operation */
	CP15_CACHE,       /* cache or branch predictor maintenance: *index the
	                   * HC_CACHE operation */
	CP15_CACHE_SET_WAY, /* DCISW/DCCSW/DCCISW: the whole L1 data cache,
	                   * cleaned and invalidated (never a plain invalidate) */
	CP15_BARRIER,     /* CP15ISB/DSB/DMB: a barrier, nothing else */
};

/* TLB operations, HC_TLB's r0 (docs/pv-vcpu.md section 6). */
enum cp15_tlb_op { CP15_TLB_ALL = 0, CP15_TLB_ASID = 1, CP15_TLB_MVA_ASID = 2, CP15_TLB_MVA_ALL_ASIDS = 3 };
/* Cache operations, HC_CACHE's r0; CP15_CACHE_INVALIDATE_I covers the
 * branch predictor too. A guest's D-cache invalidate becomes
 * CP15_CACHE_CLEAN_INVALIDATE_D: on a shared frame a plain invalidate
 * could discard another guest's data. */
enum cp15_cache_op {
	CP15_CACHE_CLEAN_D = 0, CP15_CACHE_CLEAN_INVALIDATE_D = 1, CP15_CACHE_INVALIDATE_I = 2,
	CP15_CACHE_INVALIDATE_I_ALL = 4,
};

/* Classifies a CP_MOVE or CP_MOVE64 to CP15; *index as above. */
enum cp15_class cp15_classify(enum cp_kind kind, const struct cp_access *access, unsigned *index);

#endif
