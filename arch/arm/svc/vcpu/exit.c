// SPDX-License-Identifier: MIT
/* Traps from a deprivileged guest (docs/pv-vcpu.md, sections 4 and 7):
 * its SVCs (vectors.S sends a VCPU thread's here, never to the L4 system
 * calls), undefined instructions and aborts become upcalls into the guest
 * kernel or exits to the VMM; the VMM's reply is applied here.
 *
 * With the guest's MMU off its VSpace is the hardware address space, so a
 * translation fault is an access to a guest-physical address the VMM has
 * not mapped: an MMIO exit, the instruction read through the guest's
 * VSpace and decoded (arch/arm/pv/decode_ldst.c) into the syndrome the
 * A15 gives, so that VMMs read one format. Every other fault is the
 * guest's own and goes to its kernel; so do addresses from Tern's window
 * up, which are no guest's memory: they exit as MMIO, which the VMM
 * refuses, and the guest never learns what Tern maps there.
 *
 * With the guest's MMU on it runs in shadow tables (shadow.c): a
 * translation, permission or domain fault is first the shadow's to fill;
 * what the guest's own tables refuse is an upcall, what they map to a
 * guest-physical address the VSpace does not map (or maps without the
 * right asked) an exit carrying that address. */
#include <arch/trap.h>
#include <tern/string.h>
#include <tern/thread.h>
#include <tern/vcpu.h>
#include "../../arch_private.h"
#include "../../pv/decode_ldst.h"
#include "../../pv/vcpu_pure.h"
#include "pv_private.h"
#include "shadow.h"

#define HSR_EC_SHIFT 26
#define FSR_FS_LOW GENMASK(3, 0)
#define FSR_FS_HIGH BIT(10)
#define DFSR_WNR BIT(11)
#define HSR_DABT_WNR BIT(6)
#define FS_TRANSLATION_SECTION 0x05u
#define FS_TRANSLATION_PAGE 0x07u
#define FS_DOMAIN_SECTION 0x09u
#define FS_DOMAIN_PAGE 0x0bu
#define FS_PERMISSION_SECTION 0x0du
#define FS_PERMISSION_PAGE 0x0fu
#define FS_EXTERNAL_ABORT 0x08u /* synchronous external abort, short-descriptor */
/* HSR's long-descriptor fault status codes for an exit */
#define HSR_FS_TRANSLATION_L3 0x07u
#define HSR_FS_PERMISSION_L3 0x0fu

/* vectors.S's kinds (svc_user_exception) */
enum { USER_UNDEFINED = 1, USER_PREFETCH_ABORT = 3, USER_DATA_ABORT = 4 };

uint32_t *pv_guest_reg(struct arch_context *c, unsigned n)
{
	if (n < 13)
		return &c->r[n];
	return n == 13 ? &c->sp : n == 14 ? &c->lr : &c->pc;
}

__noreturn void pv_exit(struct arch_vcpu *v, uint32_t *msg)
{
	v->exits++;
	kernel_vm_exit(msg);
}

static uint32_t fault_status(uint32_t fsr)
{
	return FIELD_GET(FSR_FS_HIGH, fsr) << 4 | FIELD_GET(FSR_FS_LOW, fsr);
}

/* The status the guest sees: a domain fault (Tern's domains, never the
 * guest's) reads as the permission fault of the same level; WnR is kept. */
static uint32_t guest_status(uint32_t fsr)
{
	uint32_t fs = fault_status(fsr);
	if (fs == FS_DOMAIN_SECTION || fs == FS_DOMAIN_PAGE)
		fsr = (fsr & ~FSR_FS_LOW) | (fs + 4); /* 0x0d, 0x0f */
	return fsr & (DFSR_WNR | FSR_FS_HIGH | FSR_FS_LOW);
}

/* The fault status code HSR carries (long-descriptor): translation, level
 * 1 or 3 as the short descriptor's section or page. */
static uint32_t exit_status(uint32_t fsr)
{
	return fault_status(fsr) == FS_TRANSLATION_SECTION ? 0x05u : 0x07u;
}

static bool is_mmio(uint32_t fsr, uint32_t address)
{
	uint32_t fs = fault_status(fsr);
	return fs == FS_TRANSLATION_SECTION || fs == FS_TRANSLATION_PAGE ||
	       address >= ARCH_USER_LIMIT;
}

/* A fault the shadow tables may explain (the guest MMU on). */
static bool is_shadow_fault(uint32_t fsr)
{
	switch (fault_status(fsr)) {
	case FS_TRANSLATION_SECTION:
	case FS_TRANSLATION_PAGE:
	case FS_PERMISSION_SECTION:
	case FS_PERMISSION_PAGE:
	case FS_DOMAIN_SECTION:
	case FS_DOMAIN_PAGE:
		return true;
	default:
		return false;
	}
}

static __noreturn void upcall_or_stop(struct arch_vcpu *v, struct arch_context *c,
				      uint32_t reason, uint32_t r1, uint32_t r2)
{
	if (!pv_upcall(v, c, reason, r1, r2))
		pv_stop(c, reason);
	kernel_preempted(); /* the return looks at the guest (state.c) */
}

/* Reads `size` bytes of guest instruction at va through its own tables
 * (with its MMU on) and its VSpace. */
static bool read_code(struct arch_vcpu *v, uint32_t va, unsigned size, uint32_t *out)
{
	if (va >= ARCH_USER_LIMIT)
		return false;
	const void *p = shadow_guest_pointer(v, va);
	if (!p)
		return false;
	*out = size == 4 ? *(const uint32_t *)p : *(const uint16_t *)p;
	return true;
}

/* The guest MMU on: the shadow's fault. Returns only for an exit, with
 * the guest-physical address and HSR's status. */
static void shadow_abort(struct arch_vcpu *v, struct arch_context *c, uint32_t fsr, uint32_t far,
			 enum guest_access access, uint32_t *gpa, uint32_t *hsr_fs)
{
	struct shadow_result r = shadow_fault(v, far, access, c->vmode == PSR_MODE_USR);
	bool data = access != GUEST_EXECUTE;
	switch (r.outcome) {
	case SHADOW_FILLED:
		kernel_preempted(); /* the guest retries, and finds it */
	case SHADOW_GUEST_FAULT:
		upcall_or_stop(v, c, data ? PV_UPCALL_DATA_ABORT : PV_UPCALL_PREFETCH_ABORT, far,
			       r.status | (access == GUEST_WRITE ? DFSR_WNR : 0));
	case SHADOW_MMIO:
		*hsr_fs = HSR_FS_TRANSLATION_L3;
		break;
	default:
		*hsr_fs = HSR_FS_PERMISSION_L3;
		break;
	}
	*gpa = r.gpa;
}

static __noreturn void data_abort(struct arch_vcpu *v, struct arch_context *c)
{
	uint32_t dfsr = sysreg_read32(DFSR), far = sysreg_read32(DFAR);
	uint32_t gpa = far, hsr_fs = exit_status(dfsr);
	if (shadow_mmu_on(v) && is_shadow_fault(dfsr))
		shadow_abort(v, c, dfsr, far, dfsr & DFSR_WNR ? GUEST_WRITE : GUEST_READ, &gpa,
			     &hsr_fs);
	else if (!is_mmio(dfsr, far))
		upcall_or_stop(v, c, PV_UPCALL_DATA_ABORT, far, guest_status(dfsr));

	/* the instruction, to give the syndrome the A15's hardware would */
	bool thumb = c->cpsr & PSR_T;
	uint32_t pc = c->pc & (thumb ? ~1u : ~3u), first = 0, second = 0;
	if (!read_code(v, pc, thumb ? 2 : 4, &first) ||
	    (thumb && ldst_thumb_is_32bit((uint16_t)first) && !read_code(v, pc + 2, 2, &second)))
		upcall_or_stop(v, c, PV_UPCALL_PREFETCH_ABORT, pc, FS_TRANSLATION_PAGE);
	struct ldst_access a;
	enum ldst_result r = thumb ? ldst_decode_thumb((uint16_t)first, (uint16_t)second, &a)
				   : ldst_decode_arm(first, &a);
	bool write = dfsr & DFSR_WNR;
	uint32_t hsr;
	if (r == LDST_OK)
		hsr = ldst_syndrome(&a);
	else /* no syndrome (ISV clear), as the A15 for the same instruction */
		hsr = L4_EC_DATA_ABORT << HSR_EC_SHIFT | (thumb ? 0 : HSR_IL) |
		      (write ? HSR_DABT_WNR : 0);
	hsr |= hsr_fs;
	uint32_t msg[L4_VM_EXIT_LENGTH] = {c->pc, hsr, gpa, 0, pv_current_cpsr(v, c), far};
	if (L4_HSR_DABT_ISV(hsr) && L4_HSR_DABT_WRITE(hsr))
		msg[3] = *pv_guest_reg(c, L4_HSR_DABT_SRT(hsr));
	pv_exit(v, msg);
}

static __noreturn void prefetch_abort(struct arch_vcpu *v, struct arch_context *c)
{
	uint32_t ifsr = sysreg_read32(IFSR), far = sysreg_read32(IFAR);
	uint32_t gpa = far, hsr_fs = exit_status(ifsr);
	if (shadow_mmu_on(v) && is_shadow_fault(ifsr))
		shadow_abort(v, c, ifsr, far, GUEST_EXECUTE, &gpa, &hsr_fs);
	else if (!is_mmio(ifsr, far))
		upcall_or_stop(v, c, PV_UPCALL_PREFETCH_ABORT, far, guest_status(ifsr));
	uint32_t hsr = L4_EC_PREFETCH_ABORT << HSR_EC_SHIFT | HSR_IL | hsr_fs;
	uint32_t msg[L4_VM_EXIT_LENGTH] = {c->pc, hsr, gpa, 0, pv_current_cpsr(v, c), far};
	pv_exit(v, msg);
}

/* The thread's VCPU; a thread whose context says guest but has none (it
 * cannot happen: unbinding resets the context) is stopped. */
static struct arch_vcpu *current_vcpu(struct arch_context *c)
{
	struct tcb *t = boot_cpu.current;
	if (!t || !t->vcpu) {
		c->vmode = 0;
		pv_stop(c, 0);
	}
	return &t->vcpu->arch;
}

__noreturn void pv_trap(struct arch_context *c, unsigned kind);

__noreturn void pv_trap(struct arch_context *c, unsigned kind)
{
	struct arch_vcpu *v = current_vcpu(c);
	if (kind == USER_DATA_ABORT)
		data_abort(v, c);
	if (kind == USER_PREFETCH_ABORT)
		prefetch_abort(v, c);
	/* undefined: the instruction's address (LR was 2 past it in Thumb) */
	if (c->cpsr & PSR_T)
		c->pc += 2;
	pv_trap_coprocessor(v, c); /* returns when it is not one */
	upcall_or_stop(v, c, PV_UPCALL_UNDEF, 0, 0);
}

/* SVC from a VCPU thread (vectors.S): pc is past the SVC. */
__noreturn void pv_svc(struct arch_context *c);

__noreturn void pv_svc(struct arch_context *c)
{
	arch_current_context = c;
	struct arch_vcpu *v = current_vcpu(c);
	if (c->vmode == PSR_MODE_USR) /* the guest's own system call */
		upcall_or_stop(v, c, PV_UPCALL_SYSCALL, 0, 0);
	pv_hypercall(v, c);
}

/* The VMM's value for a trapped MRC or MRRC (trap_cp.c): into Rt (and
 * Rt2 for MRRC, from MR2); the decoder never lets PC through as either. */
static void cp_read_reply(struct arch_context *c, uint32_t hsr, uint32_t ec, const uint32_t *mr,
			  unsigned length)
{
	if (!(hsr & HSR_CP_READ)) /* a write: nothing comes back */
		return;
	*pv_guest_reg(c, FIELD_GET(HSR_CP_RT, hsr)) = mr[1];
	if (ec == L4_EC_CP15_64 || ec == L4_EC_CP14_64)
		*pv_guest_reg(c, FIELD_GET(HSR_CP_RT2, hsr)) = length >= 3 ? mr[2] : 0;
}

void arch_vcpu_apply_reply(struct arch_vcpu *v, struct arch_context *c, const uint32_t *exit,
			   const uint32_t *mr, unsigned length)
{
	uint32_t hsr = exit[1];
	uint32_t ec = FIELD_GET(HSR_EC, hsr);
	uint32_t actions = length >= 1 ? mr[0] : 0;

	if (actions & (L4_VM_REPLY_ABORT | L4_VM_REPLY_UNDEF)) {
		uint32_t reason = PV_UPCALL_UNDEF, far = 0, status = 0;
		if (actions & L4_VM_REPLY_ABORT) {
			bool data = ec == L4_EC_DATA_ABORT;
			reason = data ? PV_UPCALL_DATA_ABORT : PV_UPCALL_PREFETCH_ABORT;
			far = exit[5]; /* the guest VA, as the exit reported it */
			status = FS_EXTERNAL_ABORT | (data && L4_HSR_DABT_WRITE(hsr) ? DFSR_WNR : 0);
		}
		/* the frame busy: the VCPU stops as it returns (state.c) */
		if (!pv_upcall(v, c, reason, far, status))
			v->stop_pending = reason;
		return;
	}
	if (actions & L4_VM_REPLY_SET && length >= 2) {
		if (ec == L4_EC_DATA_ABORT && L4_HSR_DABT_ISV(hsr) && !L4_HSR_DABT_WRITE(hsr) &&
		    L4_HSR_DABT_SRT(hsr) != 15)
			*pv_guest_reg(c, L4_HSR_DABT_SRT(hsr)) =
				vcpu_loaded_value(hsr, L4_HSR_DABT_SIZE(hsr), mr[1]);
		else if (ec == L4_EC_HVC || ec == L4_EC_SMC)
			c->r[0] = mr[1];
		else if (ec == L4_EC_CP15_32 || ec == L4_EC_CP14_32 || ec == L4_EC_CP15_64 ||
			 ec == L4_EC_CP14_64)
			cp_read_reply(c, hsr, ec, mr, length);
	}
	/* HC_VMM_CALL returns past itself already; everything else stops at
	 * the instruction that exited */
	if (actions & L4_VM_REPLY_STEP && ec != L4_EC_HVC) {
		c->pc += hsr & HSR_IL ? 4 : 2;
		if (c->cpsr & (VCPU_PSR_IT_LOW | VCPU_PSR_IT_HIGH))
			c->cpsr = vcpu_it_advance(c->cpsr);
	}
}
