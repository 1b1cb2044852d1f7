// SPDX-License-Identifier: MIT
/* The IPC fastpath: Call and ReplyRecv with the message in registers, no
 * caps, no fault, where the thread at the other end is the one that runs
 * next. Each check below is a case the general path handles differently;
 * when one fails, the general path (ipc.c) runs instead, so semantics are
 * the same either way. */
#include <tern/cspace.h>
#include <tern/ipc.h>
#include <tern/vcpu.h>

#define MR_FIRST_REG 2

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

	/* the server leaves the head of the queue */
	ep->queue.head = server->queue_next;
	if (ep->queue.head)
		ep->queue.head->queue_prev = NULL;
	else {
		ep->queue.tail = NULL;
		ep->state = EP_IDLE;
	}
	server->queue_next = NULL;
	server->blocked_on = NULL;
	copy_message(t, server, info, badge);
	ipc_set_reply_to(server, t);
	server->timeslice = t->timeslice ? t->timeslice : TIMESLICE_TICKS; /* donation */
	switch_to(t, THREAD_BLOCKED_REPLY, server);
}

void fastpath_reply_recv(struct tcb *t)
{
	l4_msginfo_t info = t->ctx.r[1];
	struct tcb *caller = t->reply_to;
	uint32_t badge;
	if (!caller || caller->state != THREAD_BLOCKED_REPLY || caller->fault_pending ||
	    !short_message(info) || caller->sched.priority < t->sched.priority ||
	    cte_is_empty(&caller->vspace_root))
		return;
	struct endpoint *ep = endpoint_with_right(t, L4_RIGHT_READ, &badge);
	if (!ep || ep->state == EP_SENDERS ||
	    (t->bound_notification && t->bound_notification->word))
		return;

	t->reply_to = NULL;
	caller->caller_of = NULL;
	copy_message(t, caller, info, 0);
	t->blocked_on = ep;
	thread_queue_append(&ep->queue, t);
	ep->state = EP_RECEIVERS;
	switch_to(t, THREAD_BLOCKED_RECV, caller);
}
