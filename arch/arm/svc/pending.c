// SPDX-License-Identifier: MIT
/* The hooks of user threads, their address spaces and VCPUs, which the SVC
 * variant does not have yet: short-descriptor VSpaces with ASIDs and
 * domains are issue 16's step 5, the deprivileged VCPU a later issue.
 * arch_threads_init says so, the kernel then starts no root task, and no
 * thread, VSpace or VCPU ever exists: nothing below is reached. Each one
 * halts with its name if it ever is, rather than pretend to work. */
#include <arch/cpu.h>
#include <arch/thread.h>
#include <arch/vcpu.h>
#include <tern/printf.h>

const char *arch_vcpu_hw_init(const struct hw_desc *hw)
{
	return "no virtualization extensions: guests will be paravirtualized, deprivileged "
	       "in USR mode (not implemented yet)";
}

bool arch_vcpu_supported(void)
{
	return false;
}

bool arch_vcpu_interface_overlaps(paddr_t paddr, uint64_t size)
{
	return false; /* there is no virtual CPU interface on this GIC */
}

static __noreturn void unreachable(const char *hook)
{
	kprintf("tern: %s reached on SVC, which has no user threads yet\n", hook);
	arch_halt();
}

void arch_vspace_init(struct arch_vspace *vs, void *page, uint32_t id)
{
	unreachable(__func__);
}

uint32_t arch_vspace_object_id(const void *page)
{
	unreachable(__func__);
}

void arch_vspace_object_set_id(void *page, uint32_t id)
{
	unreachable(__func__);
}

void arch_vspace_created(void *page, bool guest)
{
	unreachable(__func__);
}

bool arch_vspace_object_is_guest(const void *page)
{
	unreachable(__func__);
}

void arch_vspace_from_object(struct arch_vspace *vs, void *page)
{
	unreachable(__func__);
}

int arch_vspace_map_page(struct arch_vspace *vs, uint32_t vaddr, paddr_t paddr, unsigned rights,
			 bool executable, arch_table_alloc_t alloc, void *alloc_ctx)
{
	unreachable(__func__);
}

void arch_vspace_forget(void *vspace_object)
{
	unreachable(__func__);
}

void *arch_vspace_translate(void *vspace_object, uint32_t vaddr, bool write)
{
	unreachable(__func__);
}

void arch_vcpu_init(struct arch_vcpu *v)
{
	unreachable(__func__);
}

void arch_vcpu_destroy(struct arch_vcpu *v)
{
	unreachable(__func__);
}

void arch_vcpu_sync(struct arch_vcpu *v)
{
	unreachable(__func__);
}

uint32_t arch_vcpu_read_register(const struct arch_vcpu *v, unsigned reg)
{
	unreachable(__func__);
}

void arch_vcpu_write_register(struct arch_vcpu *v, unsigned reg, uint32_t value)
{
	unreachable(__func__);
}

void arch_vcpu_inject(struct arch_vcpu *v, unsigned virq, unsigned priority, bool level)
{
	unreachable(__func__);
}

void arch_vcpu_ack(struct arch_vcpu *v, unsigned virq)
{
	unreachable(__func__);
}

void arch_vcpu_apply_reply(struct arch_vcpu *v, struct arch_context *c, const uint32_t *exit,
			   const uint32_t *mr, unsigned length)
{
	unreachable(__func__);
}

bool arch_vcpu_valid_cpsr(uint32_t cpsr)
{
	unreachable(__func__);
}
