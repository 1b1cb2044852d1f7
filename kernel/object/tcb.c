// SPDX-License-Identifier: MIT
/* TCB invocations and thread state changes. */
#include <tern/invocation.h>
#include <tern/ipc.h>
#include <tern/string.h>
#include <tern/vspace.h>


void thread_suspend(struct tcb *t)
{
	ipc_cancel(t);
	sched_block(t, THREAD_INACTIVE);
	t->fault_pending = false;
}

/* Has what it needs to run: a CSpace and a VSpace, and if that is a guest
 * VSpace, a VCPU (unbinding the VCPU suspends it). */
static bool configured(const struct tcb *t)
{
	return !cte_is_empty(&t->vspace_root) && !cte_is_empty(&t->cspace_root) &&
	       (t->vcpu || !arch_vspace_object_is_guest((void *)t->vspace_root.cap.object));
}

void thread_resume(struct tcb *t)
{
	if (t->state == THREAD_INACTIVE && configured(t))
		sched_make_runnable(t);
}

void thread_set_priority(struct tcb *t, uint8_t priority)
{
	bool queued = t->sched.queued;
	if (queued)
		rq_dequeue(&boot_cpu.ready, &t->sched);
	t->sched.priority = priority;
	if (queued)
		rq_enqueue(&boot_cpu.ready, &t->sched);
}

static struct invocation_error configure(struct invocation *inv, struct tcb *t)
{
	struct invocation_error err = invocation_ok();
	if (!invocation_has_args(inv, 4, &err))
		return err;
	struct cte *cspace = invocation_lookup_cap(inv, inv->mr[0], 0, CAP_CNODE, &err);
	if (!cspace)
		return err;
	struct cte *vspace = invocation_lookup_cap(inv, inv->mr[1], 1, CAP_VSPACE, &err);
	if (!vspace)
		return err;
	if (t == inv->caller)
		return invocation_fail(L4_ILLEGAL_OPERATION, 0); /* would pull its own CSpace away */
	if (!vspace_id((void *)vspace->cap.object))
		return invocation_fail(L4_ILLEGAL_OPERATION, 1); /* no id: VSpaceIdPool_Assign */
	if (!t->vcpu && arch_vspace_object_is_guest((void *)vspace->cap.object))
		return invocation_fail(L4_ILLEGAL_OPERATION, 1); /* guests only: VCPU_SetTCB first */

	/* invoke: the old CSpace may be the last cap to a large CNode, whose
	 * deletion stops for interrupts; the call then runs again */
	if (!cte_delete(&t->cspace_root)) {
		inv->restart = true;
		return err;
	}
	cte_delete(&t->vspace_root);
	cte_insert_derived(cspace, &t->cspace_root, cspace->cap);
	cte_insert_derived(vspace, &t->vspace_root, vspace->cap);
	arch_vspace_from_object(&t->vspace, (void *)vspace->cap.object);
	t->fault_endpoint = inv->mr[2];
	t->ipc_buffer = inv->mr[3];
	t->ctx.tls = inv->mr[3];
	return err;
}

/* Set priority (mcp false) or maximum controlled priority (mcp true), both
 * bounded by the authority TCB's MCP. */
static struct invocation_error set_priority(struct invocation *inv, struct tcb *t, bool mcp_too)
{
	struct invocation_error err = invocation_ok();
	if (!invocation_has_args(inv, 2, &err))
		return err;
	struct cte *auth = invocation_lookup_cap(inv, inv->mr[1], 1, CAP_TCB, &err);
	if (!auth)
		return err;
	uint32_t mcp = ((struct tcb *)auth->cap.object)->mcp;
	if (inv->mr[0] > mcp)
		return invocation_range(0, 0, mcp);
	if (mcp_too)
		t->mcp = (uint8_t)inv->mr[0];
	else
		thread_set_priority(t, (uint8_t)inv->mr[0]);
	return err;
}

struct invocation_error tcb_invoke(struct invocation *inv)
{
	struct invocation_error err = invocation_ok();
	struct tcb *t = (struct tcb *)inv->slot->cap.object;

	switch (inv->label) {
	case L4_TCB_CONFIGURE:
		return configure(inv, t);
	case L4_TCB_SET_PRIORITY:
		return set_priority(inv, t, false);
	case L4_TCB_SET_MCP:
		return set_priority(inv, t, true);
	case L4_TCB_WRITE_REGISTERS: {
		if (!invocation_has_args(inv, 2, &err))
			return err;
		bool resume = inv->mr[0] & L4_WRITE_REGISTERS_RESUME;
		uint32_t n = inv->mr[1];
		if (n < 1 || n > L4_REG_COUNT)
			return invocation_range(1, 1, L4_REG_COUNT);
		if (!invocation_has_args(inv, 2 + n, &err))
			return err;
		if (t == inv->caller)
			return invocation_fail(L4_ILLEGAL_OPERATION, 0); /* its own are in use */
		if (resume && !configured(t))
			return invocation_fail(L4_ILLEGAL_OPERATION, 0); /* nothing to run in */
		if (!arch_context_set(&t->ctx, &inv->mr[2], n, t->vcpu != NULL))
			return invocation_fail(L4_INVALID_ARGUMENT, 2 + L4_REG_CPSR);
		if (resume)
			thread_resume(t);
		return err;
	}
	case L4_TCB_READ_REGISTERS: {
		if (!invocation_has_args(inv, 1, &err))
			return err;
		if (inv->mr[0] < 1 || inv->mr[0] > L4_REG_COUNT)
			return invocation_range(0, 1, L4_REG_COUNT);
		uint32_t all[L4_REG_COUNT];
		arch_context_get(&t->ctx, all);
		for (unsigned i = 0; i < inv->mr[0]; i++)
			inv->reply[i] = all[i];
		inv->reply_length = inv->mr[0];
		return err;
	}
	case L4_TCB_SUSPEND:
		thread_suspend(t);
		return err;
	case L4_TCB_RESUME:
		if (!configured(t))
			return invocation_fail(L4_ILLEGAL_OPERATION, 0);
		thread_resume(t);
		return err;
	case L4_TCB_BIND_NOTIFICATION: {
		if (!invocation_has_args(inv, 1, &err))
			return err;
		struct cte *n = invocation_lookup_cap(inv, inv->mr[0], 0, CAP_NOTIFICATION, &err);
		if (!n)
			return err;
		if (!(n->cap.rights & L4_RIGHT_READ)) /* the thread will receive its signals */
			return invocation_fail(L4_INSUFFICIENT_RIGHTS, 0);
		struct notification *ntfn = (struct notification *)n->cap.object;
		if (t->bound_notification || ntfn->bound)
			return invocation_fail(L4_ILLEGAL_OPERATION, 0);
		t->bound_notification = ntfn;
		ntfn->bound = t;
		return err;
	}
	case L4_TCB_UNBIND_NOTIFICATION:
		if (!t->bound_notification)
			return invocation_fail(L4_ILLEGAL_OPERATION, 0);
		t->bound_notification->bound = NULL;
		t->bound_notification = NULL;
		return err;
	default:
		return invocation_fail(L4_ILLEGAL_OPERATION, 0);
	}
}
