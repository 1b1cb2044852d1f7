// SPDX-License-Identifier: MIT
/* The IPC fastpath: Call and ReplyRecv with the message in registers and
 * no caps, and a guest's exit to its VMM, where the thread at the other end
 * is the one that runs next (a ReplyRecv may answer a fault or exit). Each check below is a case the general path handles differently;
 * when one fails, the general path (ipc.c) runs instead, so semantics are
 * the same either way. */
#include <tern/cspace.h>
#include <tern/ipc.h>
#include <tern/vcpu.h>

#define MR_FIRST_REG 2
_Static_assert(L4_VM_EXIT_LENGTH <= L4_MSG_REGISTERS_IN_CPU, "an exit travels in registers");

static inline struct endpoint *endpoint_with_right(struct tcb *t, unsigned right, uint32_t *badge)
{
	struct cte *slot = cspace_lookup_cptr(&t->cspace_root.cap, t->ctx.r[0]);
	if (!slot || slot->cap.type != CAP_ENDPOINT || !(slot->cap.rights & right))
		return NULL;
	*badge = slot->cap.badge;
	return (struct endpoint *)slot->cap.object;
}

static bool short_message(l4_msginfo_t info)
{
	return l4_msginfo_extra_caps(info) == 0 && l4_msginfo_length(info) <= L4_MSG_REGISTERS_IN_CPU;
}

static void copy_message(const struct tcb *from, struct tcb *to, l4_msginfo_t info, uint32_t badge)
{
	unsigned len = l4_msginfo_length(info);
	for (unsigned i = 0; i < len; i++)
		to->ctx.r[MR_FIRST_REG + i] = from->ctx.r[MR_FIRST_REG + i];
	to->ctx.r[1] = l4_msginfo(l4_msginfo_label(info), 0, 0, len);
	to->ctx.r[0] = badge;
}

static __noreturn void switch_to(struct tcb *blocked, enum thread_state why, struct tcb *next)
{
	sched_switch_direct(blocked, why, next);
	boot_cpu.current = next;
	boot_cpu.reschedule = false;
	arch_return_to_user(&next->ctx, &next->vspace, next->vcpu ? &next->vcpu->arch : NULL);
}

/* The first receiver leaves the endpoint's queue (ep->state is
 * EP_RECEIVERS: there is one). */
static struct tcb *take_receiver(struct endpoint *ep)
{
	struct tcb *r = ep->queue.head;
	ep->queue.head = r->queue_next;
	if (ep->queue.head)
		ep->queue.head->queue_prev = NULL;
	else {
		ep->queue.tail = NULL;
		ep->state = EP_IDLE;
	}
	r->queue_next = NULL;
	r->blocked_on = NULL;
	return r;
}

void fastpath_call(struct tcb *t)
{
	l4_msginfo_t info = t->ctx.r[1];
	uint32_t badge;
	if (!short_message(info))
		return;
	struct endpoint *ep = endpoint_with_right(t, L4_RIGHT_WRITE, &badge);
	if (!ep || ep->state != EP_RECEIVERS)
		return;
	struct tcb *server = ep->queue.head;
	if (server->sched.priority < t->sched.priority || cte_is_empty(&server->vspace_root))
		return;

	take_receiver(ep);
	copy_message(t, server, info, badge);
	ipc_set_reply_to(server, t);
	server->timeslice = t->timeslice ? t->timeslice : TIMESLICE_TICKS; /* donation */
	switch_to(t, THREAD_BLOCKED_REPLY, server);
}

/* The endpoint t receives from next, when the receive would block there:
 * nothing waits to send and no notification is pending. */
static inline struct endpoint *quiet_receive_endpoint(struct tcb *t)
{
	uint32_t badge;
	struct endpoint *ep = endpoint_with_right(t, L4_RIGHT_READ, &badge);
	if (!ep || ep->state == EP_SENDERS ||
	    (t->bound_notification && t->bound_notification->word))
		return NULL;
	return ep;
}

/* t waits on ep; the caller it answered runs. */
static inline __noreturn void receive_and_switch(struct tcb *t, struct endpoint *ep,
						 struct tcb *caller)
{
	t->blocked_on = ep;
	thread_queue_append(&ep->queue, t);
	ep->state = EP_RECEIVERS;
	switch_to(t, THREAD_BLOCKED_RECV, caller);
}

/* A ReplyRecv that answers a fault or a guest's exit: label 0 resumes the
 * thread (a label that stops it takes the slow path). Kept out of line so
 * the IPC reply's path is as short as before. */
static __attribute__((noinline)) void fault_reply_recv(struct tcb *t, struct tcb *caller,
							l4_msginfo_t info)
{
	/* a VMM runs above its guest: the guest runs next when nothing else
	 * above it is ready once the VMM waits */
	if (l4_msginfo_label(info) != 0 || !short_message(info) || cte_is_empty(&caller->vspace_root) ||
	    (caller->sched.priority < t->sched.priority &&
	     rq_ready_above(&boot_cpu.ready, caller->sched.priority, &t->sched)))
		return;
	struct endpoint *ep = quiet_receive_endpoint(t);
	if (!ep)
		return;
	t->reply_to = NULL;
	caller->caller_of = NULL;
	ipc_resume_faulted(t, caller, l4_msginfo_length(info));
	receive_and_switch(t, ep, caller);
}

void fastpath_reply_recv(struct tcb *t)
{
	l4_msginfo_t info = t->ctx.r[1];
	struct tcb *caller = t->reply_to;
	if (!caller || caller->state != THREAD_BLOCKED_REPLY)
		return;
	if (caller->fault_pending) {
		fault_reply_recv(t, caller, info);
		return;
	}
	if (!short_message(info) || caller->sched.priority < t->sched.priority ||
	    cte_is_empty(&caller->vspace_root))
		return;
	struct endpoint *ep = quiet_receive_endpoint(t);
	if (!ep)
		return;
	t->reply_to = NULL;
	caller->caller_of = NULL;
	copy_message(t, caller, info, 0);
	receive_and_switch(t, ep, caller);
}

void fastpath_vm_exit(struct tcb *t, const uint32_t *msg)
{
	if (!t->fault_endpoint)
		return;
	struct cte *slot = cspace_lookup_cptr(&t->cspace_root.cap, t->fault_endpoint);
	if (!slot || slot->cap.type != CAP_ENDPOINT || !(slot->cap.rights & L4_RIGHT_WRITE))
		return;
	struct endpoint *ep = (struct endpoint *)slot->cap.object;
	if (ep->state != EP_RECEIVERS)
		return;
	struct tcb *vmm = ep->queue.head;
	if (vmm->sched.priority < t->sched.priority || cte_is_empty(&vmm->vspace_root))
		return;

	/* kept for the reply, which reads the exit's syndrome and address */
	t->fault_pending = true;
	t->fault_label = L4_FAULT_VM_EXIT;
	t->fault_length = L4_VM_EXIT_LENGTH;
	for (unsigned i = 0; i < L4_VM_EXIT_LENGTH; i++)
		t->fault_msg[i] = vmm->ctx.r[MR_FIRST_REG + i] = msg[i];
	take_receiver(ep);
	vmm->ctx.r[0] = slot->cap.badge;
	vmm->ctx.r[1] = l4_msginfo(L4_FAULT_VM_EXIT, 0, 0, L4_VM_EXIT_LENGTH);
	ipc_set_reply_to(vmm, t);
	vmm->timeslice = t->timeslice ? t->timeslice : TIMESLICE_TICKS; /* donation */
	switch_to(t, THREAD_BLOCKED_REPLY, vmm);
}
