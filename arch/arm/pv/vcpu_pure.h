/* SPDX-License-Identifier: MIT */
/* Pure functions of the VCPUs, shared by both variants and tested on the
 * host (tests/unit/test_vcpu_pure.c): applying a VMM's reply (the value a
 * load leaves in its register, the IT state after a stepped instruction)
 * and, for the deprivileged VCPU of the SVC kernel, the CPSR rules of
 * docs/pv-vcpu.md (section 4). Freestanding: fixed-width types only. */
#ifndef ARCH_ARM_PV_VCPU_PURE_H
#define ARCH_ARM_PV_VCPU_PURE_H

#include <tern/types.h> /* stdint's types on the host, the kernel's own in it */

#define VCPU_PSR_MODE_MASK 0x1fu
#define VCPU_PSR_MODE_USR 0x10u
#define VCPU_PSR_MODE_SVC 0x13u
#define VCPU_PSR_I 0x80u
/* FIQ masked: Tern uses no FIQ, so the bit is free to mark a guest's
 * hardware CPSR, which the SVC vector tests (svc/exceptions/vectors.S) */
#define VCPU_PSR_F 0x40u
#define VCPU_PSR_IT_LOW 0x06000000u  /* ITSTATE[1:0] */
#define VCPU_PSR_IT_HIGH 0x0000fc00u /* ITSTATE[7:2] */
/* The HSR ISS of a trapped MCR/MRC or MCRR/MRRC (EC 0x03-0x05, 0x0c):
 * direction and transfer registers, as the VMM's reply is applied */
#define HSR_CP_READ 0x00000001u /* MRC / MRRC */
#define HSR_CP_RT 0x000001e0u   /* bits 8:5 */
#define HSR_CP_RT2 0x00003c00u  /* bits 13:10 */
/* What a deprivileged guest's hardware CPSR takes from a frame: N Z C V
 * Q, IT, GE, E and T; never A, I, F, J or a mode. */
#define VCPU_PSR_FROM_FRAME 0xfe0ffe20u
#define VCPU_HSR_SSE 0x00200000u     /* ISS.SSE of a data abort */

/* The value a load of `size` bytes (1, 2 or 4) leaves in its register,
 * sign-extended when the syndrome's SSE is set. */
static inline uint32_t vcpu_loaded_value(uint32_t hsr, unsigned size, uint32_t value)
{
	unsigned bits = 8 * size;
	if (bits >= 32)
		return value;
	value &= (1u << bits) - 1;
	if (hsr & VCPU_HSR_SSE && value & (1u << (bits - 1)))
		value |= ~0u << bits;
	return value;
}

/* ITSTATE after one instruction of an IT block (ARM ARM ITAdvance); in
 * ARM state, or outside a block, it is zero and stays so. */
static inline uint32_t vcpu_it_advance(uint32_t cpsr)
{
	uint32_t it = (cpsr >> 25 & 0x3u) | (cpsr >> 8 & 0xfcu);
	it = (it & 0x7u) ? (it & 0xe0u) | (it << 1 & 0x1fu) : 0;
	return (cpsr & ~(VCPU_PSR_IT_LOW | VCPU_PSR_IT_HIGH)) | (it & 0x3u) << 25 | (it >> 2) << 10;
}

/* The virtual mode a frame's CPSR names: USR (guest user) or SVC (guest
 * kernel); 0 for anything else, which HC_RETURN refuses. */
static inline uint32_t pv_frame_mode(uint32_t frame_cpsr)
{
	uint32_t mode = frame_cpsr & VCPU_PSR_MODE_MASK;
	return mode == VCPU_PSR_MODE_USR || mode == VCPU_PSR_MODE_SVC ? mode : 0;
}

/* The hardware CPSR a guest runs with, from a virtual one: always USR,
 * IRQs and asynchronous aborts unmasked (the virtual mask is the state
 * page's), FIQ masked as the mark of a guest. */
static inline uint32_t pv_hardware_cpsr(uint32_t virtual_cpsr)
{
	return (virtual_cpsr & VCPU_PSR_FROM_FRAME) | VCPU_PSR_F | VCPU_PSR_MODE_USR;
}

/* The virtual CPSR of a guest that runs with hardware CPSR `cpsr` in
 * virtual mode `vmode`, masked or not: what frames and exits show. */
static inline uint32_t pv_virtual_cpsr(uint32_t cpsr, uint32_t vmode, bool masked)
{
	return (cpsr & VCPU_PSR_FROM_FRAME) | vmode | (masked ? VCPU_PSR_I : 0);
}

#endif
