// SPDX-License-Identifier: MIT
/* The VCPU hooks, which the SVC variant does not have yet: the
 * deprivileged VCPU is a later issue. Untyped_Retype refuses the VCPU type
 * on SVC (object/types.c), so no VCPU cap exists and nothing below is
 * reached. Each one halts with its name if it ever is, rather than pretend
 * to work. */
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
	kprintf("tern: %s reached on SVC, which has no VCPUs yet\n", hook);
	arch_halt();
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
