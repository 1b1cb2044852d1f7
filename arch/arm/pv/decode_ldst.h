/* SPDX-License-Identifier: MIT */
/* Decoding a load or store that faulted on device memory, for a guest
 * that runs deprivileged on a CPU without a syndrome register (Cortex-A9).
 * On the A15 the hardware fills HSR.ISS for a stage-2 data abort (access
 * size, load or store, sign extension, transfer register); here the kernel
 * reads the faulting instruction and this decoder gives the same facts, so
 * that the exit message the VMM receives is the same on both boards
 * (docs/pv-vcpu.md, "Exits to the VMM").
 *
 * Only the forms a device driver uses are handled: single loads and stores
 * of a byte, halfword or word, with an immediate, register or literal
 * offset and no writeback. Everything else is refused with a reason; the
 * kernel then reports the exit without a syndrome (ISV clear), as the A15
 * does for the same instructions, and the VMM refuses the access.
 *
 * Freestanding: fixed-width types only (tern/types.h), no kernel headers. */
#ifndef ARCH_ARM_PV_DECODE_LDST_H
#define ARCH_ARM_PV_DECODE_LDST_H

#include <tern/types.h> /* stdint's types on the host, the kernel's own in it */

/* Why an instruction is not decoded. When several apply, the first in this
 * order is reported: the instruction class, then the unprivileged form,
 * then writeback, then PC as the transfer register, then other registers
 * the architecture calls UNPREDICTABLE. */
enum ldst_result {
	LDST_OK = 0,
	LDST_REFUSE_NOT_LOAD_STORE, /* no memory access of its own to emulate:
	                             * data processing, branches, table branches,
	                             * preload hints, system instructions */
	LDST_REFUSE_UNALLOCATED,    /* an undefined encoding inside the load/store space */
	LDST_REFUSE_MULTIPLE,       /* LDM/STM, PUSH/POP of a list, RFE/SRS */
	LDST_REFUSE_DOUBLEWORD,     /* LDRD/STRD: two registers, two accesses */
	LDST_REFUSE_EXCLUSIVE,      /* LDREX/STREX family, SWP/SWPB: atomics on a device */
	LDST_REFUSE_COPROCESSOR,    /* LDC/STC, VLDR/VSTR/VLDM/VSTM, Advanced SIMD VLDn/VSTn */
	LDST_REFUSE_UNPRIVILEGED,   /* LDRT/STRT and the other T forms */
	LDST_REFUSE_WRITEBACK,      /* pre-indexed with writeback, or post-indexed */
	LDST_REFUSE_PC_TRANSFER,    /* PC as the register loaded or stored */
	LDST_REFUSE_UNPREDICTABLE,  /* a register or should-be-zero field the
	                             * architecture makes UNPREDICTABLE here */
	LDST_RESULT_COUNT
};

/* What the A15's HSR ISS says about a data abort with ISV set. */
struct ldst_access {
	uint8_t size;      /* bytes moved: 1, 2 or 4 (ISS.SAS) */
	uint8_t rt;        /* the register loaded or stored, 0-14 (ISS.SRT) */
	uint8_t length;    /* instruction bytes: 2 or 4 (HSR.IL) */
	bool write;        /* a store (ISS.WnR) */
	bool sign_extend;  /* a load that sign-extends to 32 bits (ISS.SSE) */
};

/* An A32 instruction word (the CPSR's T bit clear). */
enum ldst_result ldst_decode_arm(uint32_t insn, struct ldst_access *access);

/* Whether a Thumb halfword is the first half of a 32-bit instruction: the
 * kernel then reads the second halfword at pc + 2 (perhaps on another page). */
bool ldst_thumb_is_32bit(uint16_t first);

/* A Thumb instruction (the CPSR's T bit set): `first` at pc, `second` at
 * pc + 2, which is ignored when `first` is a whole 16-bit instruction. */
enum ldst_result ldst_decode_thumb(uint16_t first, uint16_t second, struct ldst_access *access);

/* Either state: `insn` as objdump prints it (a 32-bit Thumb instruction
 * with its first halfword in bits 31..16, a 16-bit one in bits 15..0). */
enum ldst_result ldst_decode(uint32_t insn, bool thumb, struct ldst_access *access);

/* The HSR a stage-2 data abort with this syndrome has on the A15: EC 0x24,
 * IL, ISV, SAS, SSE, SRT and WnR; the fault status bits are left zero for
 * the caller. */
uint32_t ldst_syndrome(const struct ldst_access *access);

/* A short name for a result, for the console ("writeback", ...). */
const char *ldst_result_name(enum ldst_result result);

#endif
