// SPDX-License-Identifier: MIT
/* Virtual interrupts of the deprivileged VCPU (docs/pv-vcpu.md, section
 * 4): the A9 has no virtual CPU interface, so the kernel keeps them in
 * software. An injected interrupt is pending until an IRQ upcall takes it
 * (the IAR read: lowest ID first; the priority the VMM gives is not used
 * yet), active until the guest's HC_IRQ_EOI; a level-sensitive one is
 * pending again after each EOI until VCPU_AckIRQ says the line is low, as
 * on the A15.
 *
 * The paravirtual timer (HC_TIMER_SET): a VCPU with a deadline waits in a
 * list sorted by deadline, and the kernel's wakeup deadline
 * (timer_wake_at, on the global timer's comparator) fires the first one:
 * PV_TIMER_VIRQ, edge, injected as the A15's virtual timer is. */
#include <arch/timer.h>
#include <arch/trap.h>
#include "../../arch_private.h"
#include "pv_private.h"

#define SPURIOUS 1023u
#define WORDS ((ARCH_VCPU_MAX_VIRQ + 31) / 32)

static bool test(const uint32_t *bits, unsigned virq)
{
	return bits[virq / 32] & BIT(virq % 32);
}

static void make_pending(struct arch_vcpu *v, unsigned virq)
{
	if (!test(v->pending, virq)) {
		v->pending[virq / 32] |= BIT(virq % 32);
		v->pending_count++;
	}
}

static void withdraw(struct arch_vcpu *v, unsigned virq)
{
	if (test(v->pending, virq)) {
		v->pending[virq / 32] &= ~BIT(virq % 32);
		v->pending_count--;
	}
}

void arch_vcpu_inject(struct arch_vcpu *v, unsigned virq, unsigned priority, bool level)
{
	if (virq >= ARCH_VCPU_MAX_VIRQ)
		return;
	v->injected++;
	if (level)
		v->level_high[virq / 32] |= BIT(virq % 32);
	make_pending(v, virq);
	kernel_vcpu_interrupt(v);
}

void arch_vcpu_ack(struct arch_vcpu *v, unsigned virq)
{
	if (virq >= ARCH_VCPU_MAX_VIRQ || !test(v->level_high, virq))
		return;
	v->level_high[virq / 32] &= ~BIT(virq % 32);
	withdraw(v, virq); /* not taken yet: withdrawn; being handled: runs to its EOI */
}

bool arch_vcpu_interrupt_pending(const struct arch_vcpu *v)
{
	return v->pending_count != 0;
}

unsigned pv_irq_take(struct arch_vcpu *v)
{
	for (unsigned w = 0; w < WORDS && v->pending_count; w++)
		if (v->pending[w]) {
			unsigned virq = w * 32 + (unsigned)__builtin_ctz(v->pending[w]);
			withdraw(v, virq);
			v->active[w] |= BIT(virq % 32);
			return virq;
		}
	return SPURIOUS;
}

int pv_irq_eoi(struct arch_vcpu *v, uint32_t virq)
{
	if (virq >= ARCH_VCPU_MAX_VIRQ)
		return L4_INVALID_ARGUMENT;
	if (!test(v->active, virq))
		return L4_OK; /* as the GIC: an EOI of an inactive interrupt does nothing */
	v->active[virq / 32] &= ~BIT(virq % 32);
	if (test(v->level_high, virq))
		make_pending(v, virq);
	return L4_OK;
}

static struct arch_vcpu *watched; /* timer armed; earliest deadline first */

static void wake_at_first_deadline(void)
{
	timer_wake_at(watched ? watched->timer_deadline : TIMER_NO_WAKEUP);
}

void pv_timer_forget(struct arch_vcpu *v)
{
	if (!v->timer_watched)
		return;
	bool was_first = watched == v;
	for (struct arch_vcpu **p = &watched; *p; p = &(*p)->timer_next)
		if (*p == v) {
			*p = v->timer_next;
			break;
		}
	v->timer_watched = false;
	if (was_first)
		wake_at_first_deadline();
}

static void fire(struct arch_vcpu *v)
{
	v->timer_irqs++;
	arch_vcpu_inject(v, PV_TIMER_VIRQ, 0, false);
}

void pv_timer_set(struct arch_vcpu *v, uint64_t deadline)
{
	pv_timer_forget(v);
	v->timer_deadline = deadline;
	if (!deadline)
		return;
	if (deadline <= arch_timer_now()) {
		fire(v); /* already due */
		return;
	}
	struct arch_vcpu **p = &watched;
	while (*p && (*p)->timer_deadline <= deadline)
		p = &(*p)->timer_next;
	v->timer_next = *p;
	*p = v;
	v->timer_watched = true;
	if (watched == v)
		wake_at_first_deadline();
}

/* The kernel's timer reached the first deadline: fires every VCPU due. */
static uint64_t fire_due_timers(uint64_t now)
{
	while (watched && watched->timer_deadline <= now) {
		struct arch_vcpu *v = watched;
		watched = v->timer_next;
		v->timer_watched = false;
		fire(v);
	}
	return watched ? watched->timer_deadline : TIMER_NO_WAKEUP;
}

void pv_timer_init(void)
{
	timer_set_wakeup_handler(fire_due_timers);
}
