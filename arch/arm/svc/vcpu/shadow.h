/* SPDX-License-Identifier: MIT */
/* Shadow page tables of a deprivileged guest with its MMU on
 * (docs/pv-vcpu.md, section 5; svc/vcpu/shadow.c), private to arch/arm/svc.
 * Their memory is the VCPU object's (vcpu_object.h), so creating and
 * deleting the VCPU is all the life cycle there is. */
#ifndef ARCH_ARM_SVC_SHADOW_H
#define ARCH_ARM_SVC_SHADOW_H

#include <arch/vcpu.h>
#include "../../pv/guest_walk.h"
#include "../mm/vspace_object.h"
#include "vcpu_object.h"
#define SHADOW_SLOTS 4

/* Per-call limits of HC_TLB and HC_CACHE (section 6) */
#define SHADOW_TLB_MAX_PAGES 64u
#define SHADOW_CACHE_MAX_BYTES 0x10000u

/* A new VCPU: no shadow, nothing selected. */
void shadow_init(struct arch_vcpu *v);
/* The VCPU is deleted: its tables leave TTBR0 and the TLB, it leaves its
 * p2m's users. */
void shadow_destroy(struct arch_vcpu *v);
/* Whether the guest's virtual MMU is on (SCTLR.M). */
bool shadow_mmu_on(const struct arch_vcpu *v);
/* The guest's translation registers changed (SCTLR, TTBCR, TTBR1, or the
 * VMM wrote any of them): every shadow is emptied, the next entry selects
 * one again. */
void shadow_translation_changed(struct arch_vcpu *v);
/* HC_SET_TTBR: the next entry selects the shadow of this TTBR0 and ASID. */
void shadow_set_ttbr(struct arch_vcpu *v, uint32_t ttbr0, uint32_t contextidr);
/* Before entering the guest with its MMU on: the shadow for its TTBR0 and
 * ASID (emptying everything when the thread's VSpace is not the one the
 * shadows came from). Returns its table and ASID tag, or NULL when the
 * guest's MMU is off (its VSpace is the hardware's). */
struct asid_tag *shadow_enter(struct arch_vcpu *v, const uint32_t **l1);

enum shadow_outcome {
	SHADOW_FILLED,       /* the entry is in the shadow: resume the guest */
	SHADOW_GUEST_FAULT,  /* the guest's tables say no: status for the upcall */
	SHADOW_MMIO,         /* nothing in the p2m at gpa: an exit */
	SHADOW_P2M_REFUSED,  /* the p2m maps gpa without the right asked: an exit */
};
struct shadow_result {
	enum shadow_outcome outcome;
	uint32_t status; /* SHADOW_GUEST_FAULT: short-descriptor FS (FS[4] at bit 10) */
	uint32_t gpa;
};
/* A translation, permission or domain fault at va with the guest MMU on. */
struct shadow_result shadow_fault(struct arch_vcpu *v, uint32_t va, enum guest_access access,
				  bool user);
/* The kernel's pointer to the guest's byte at va (walked if the MMU is
 * on), when it is cached RAM in the p2m; NULL otherwise. */
const void *shadow_guest_pointer(struct arch_vcpu *v, uint32_t va);

/* HC_TLB: an enum l4_error; on L4_RANGE_ERROR *done says how many pages
 * were done. */
int shadow_tlb(struct arch_vcpu *v, uint32_t op, uint32_t va, uint32_t asid, uint32_t pages,
	       uint32_t *done);
/* HC_CACHE (guest_cache.c): the same, in bytes. */
int guest_cache_maintain(struct arch_vcpu *v, uint32_t op, uint32_t va, uint32_t length,
			 uint32_t *done);

#endif
