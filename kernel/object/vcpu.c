// SPDX-License-Identifier: MIT
/* VCPU invocations and life cycle. */
#include <tern/ipc.h>
#include <tern/vcpu.h>

enum { ARG_FIRST, ARG_COUNT };

void vcpu_init(struct vcpu *v)
{
	arch_vcpu_init(&v->arch);
	v->tcb = NULL;
}

/* The thread stops being a guest: it is suspended and its registers can
 * no longer name a privileged mode. */
static void unbind(struct vcpu *v)
{
	struct tcb *t = v->tcb;
	if (!t)
		return;
	thread_suspend(t);
	arch_context_init(&t->ctx, t->ctx.pc, t->ctx.sp, t->ctx.r[0]);
	t->vcpu = NULL;
	v->tcb = NULL;
}

void vcpu_destroy(struct vcpu *v)
{
	unbind(v);
	arch_vcpu_destroy(&v->arch);
}

void vcpu_unbind_tcb(struct tcb *t)
{
	if (t->vcpu)
		unbind(t->vcpu);
}

static struct invocation_error set_tcb(struct invocation *inv, struct vcpu *v)
{
	struct invocation_error err = invocation_ok();
	if (!invocation_has_args(inv, 1, &err))
		return err;
	struct cte *slot = invocation_lookup_cap(inv, inv->mr[0], 0, CAP_TCB, &err);
	if (!slot)
		return err;
	struct tcb *t = (struct tcb *)slot->cap.object;
	if (t == inv->caller)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0); /* it is running as a native thread */
	if (t->vcpu == v)
		return err;
	unbind(v);
	vcpu_unbind_tcb(t);
	thread_suspend(t);
	t->vcpu = v;
	v->tcb = t;
	/* a guest starts the way a CPU leaves reset: SVC mode, interrupts off */
	arch_vcpu_context_reset(&t->ctx);
	return err;
}

static struct invocation_error registers(struct invocation *inv, struct vcpu *v, bool write)
{
	struct invocation_error err = invocation_ok();
	if (!invocation_has_args(inv, 2, &err))
		return err;
	uint32_t first = inv->mr[ARG_FIRST], count = inv->mr[ARG_COUNT];
	unsigned most = write ? INVOCATION_MAX_MRS - 2 : INVOCATION_MAX_MRS;
	if (first >= L4_VCPU_REGISTER_COUNT)
		return invocation_range(ARG_FIRST, 0, L4_VCPU_REGISTER_COUNT - 1);
	if (count < 1 || count > most || count > L4_VCPU_REGISTER_COUNT - first)
		return invocation_range(ARG_COUNT, 1, L4_VCPU_REGISTER_COUNT - first < most ?
						  L4_VCPU_REGISTER_COUNT - first : most);
	if (write && !invocation_has_args(inv, 2 + count, &err))
		return err;
	arch_vcpu_sync(&v->arch);
	for (unsigned i = 0; i < count; i++) {
		if (write)
			arch_vcpu_write_register(&v->arch, first + i, inv->mr[2 + i]);
		else
			inv->reply[i] = arch_vcpu_read_register(&v->arch, first + i);
	}
	if (!write)
		inv->reply_length = count;
	return err;
}

enum { ARG_VIRQ, ARG_PRIORITY, ARG_IRQ_FLAGS };

static struct invocation_error inject_irq(struct invocation *inv, struct vcpu *v)
{
	struct invocation_error err = invocation_ok();
	if (!invocation_has_args(inv, 2, &err))
		return err;
	uint32_t flags = inv->length > ARG_IRQ_FLAGS ? inv->mr[ARG_IRQ_FLAGS] : 0;
	if (inv->mr[ARG_VIRQ] >= ARCH_VCPU_MAX_VIRQ)
		return invocation_range(ARG_VIRQ, 0, ARCH_VCPU_MAX_VIRQ - 1);
	if (inv->mr[ARG_PRIORITY] > 255)
		return invocation_range(ARG_PRIORITY, 0, 255);
	if (flags & ~L4_VCPU_IRQ_LEVEL)
		return invocation_range(ARG_IRQ_FLAGS, 0, L4_VCPU_IRQ_LEVEL);
	if (!arch_vcpu_supported())
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	arch_vcpu_inject(&v->arch, inv->mr[ARG_VIRQ], inv->mr[ARG_PRIORITY],
			 flags & L4_VCPU_IRQ_LEVEL);
	return err;
}

/* The shared state page of a deprivileged guest (docs/pv-vcpu.md): a 4 KiB
 * frame of cached RAM the VMM has mapped writable into a VSpace; the arch
 * code reaches it through that guest-physical address in the thread's
 * VSpace, so that unmapping or deleting the frame leaves nothing stale. */
static struct invocation_error set_state_page(struct invocation *inv, struct vcpu *v)
{
	struct invocation_error err = invocation_ok();
	if (!ARCH_VCPU_HAS_STATE_PAGE)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	if (!invocation_has_args(inv, 1, &err))
		return err;
	struct cte *slot = invocation_lookup_cap(inv, inv->mr[0], 0, CAP_FRAME, &err);
	if (!slot)
		return err;
	const struct cap *c = &slot->cap;
	if (c->size_bits != 12 || c->device || !c->mapped_in || !(c->rights & L4_RIGHT_WRITE))
		return invocation_fail(L4_INVALID_ARGUMENT, 0);
	int r = arch_vcpu_set_state_page(&v->arch, c->object, c->mapped_at);
	return r ? invocation_fail((enum l4_error)r, 0) : err;
}

struct invocation_error vcpu_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct vcpu *v = (struct vcpu *)inv->slot->cap.object;

	switch (inv->label) {
	case L4_VCPU_SET_TCB:
		return set_tcb(inv, v);
	case L4_VCPU_READ_REGISTERS:
		return registers(inv, v, false);
	case L4_VCPU_WRITE_REGISTERS:
		return registers(inv, v, true);
	case L4_VCPU_INJECT_IRQ:
		return inject_irq(inv, v);
	case L4_VCPU_ACK_IRQ:
		if (!invocation_has_args(inv, 1, &err))
			return err;
		if (inv->mr[0] >= ARCH_VCPU_MAX_VIRQ)
			return invocation_range(0, 0, ARCH_VCPU_MAX_VIRQ - 1);
		arch_vcpu_ack(&v->arch, inv->mr[0]);
		return err;
	case L4_VCPU_SET_TRAPS:
		if (!invocation_has_args(inv, 1, &err))
			return err;
		if (inv->mr[0] & ~L4_VCPU_TRAP_WFI)
			return invocation_range(0, 0, L4_VCPU_TRAP_WFI);
		v->arch.wfi_exits = inv->mr[0] & L4_VCPU_TRAP_WFI;
		return err;
	case L4_VCPU_SET_STATE_PAGE:
		return set_state_page(inv, v);
	case L4_VCPU_STATS:
		inv->reply[0] = v->arch.exits;
		inv->reply[1] = v->arch.wfi_blocks;
		inv->reply[2] = v->arch.timer_irqs;
		inv->reply[3] = v->arch.injected;
		inv->reply[4] = v->arch.vfp_switches;
		inv->reply_length = L4_VCPU_STATS_COUNT;
		return err;
	default:
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	}
}
