// SPDX-License-Identifier: MIT
#include <tern/cspace.h>
#include <tern/ipc.h>
#include <l4/ipc_buffer.h>
#include <tern/string.h>
#include <tern/vcpu.h>

#define MR_FIRST_REG 2

static struct tcb *queue_pop(struct thread_queue *q)
{
	struct tcb *t = q->head;
	if (t)
		thread_queue_remove(q, t);
	return t;
}

/* A thread's IPC buffer through the kernel's mapping, or NULL when it has
 * none, it crosses a page, or it is not mapped (writable, for write). */
struct l4_ipc_buffer *ipc_buffer_of(struct tcb *t, bool write)
{
	uint32_t va = t->ipc_buffer;
	if (!va || (va & 3) || (va & 0xfffu) + sizeof(struct l4_ipc_buffer) > 0x1000u ||
	    cte_is_empty(&t->vspace_root)) /* its VSpace is gone */
		return NULL;
	return arch_vspace_translate(t->vspace.object, va, write);
}

static struct cte *lookup_in(struct tcb *t, uint32_t cptr)
{
	struct lookup_result r = cspace_lookup_slot(&t->cspace_root.cap, cptr, L4_CPTR_BITS);
	return r.fault == LOOKUP_OK ? r.slot : NULL;
}

/* Transfers the sender's extra caps: a cap to the endpoint the message
 * travels through is unwrapped to its badge; any other goes, as a derived
 * copy, into the receiver's one receive slot. Stops at the first cap that
 * cannot go. Returns how many went. */
static unsigned transfer_caps(struct tcb *from, const struct l4_ipc_buffer *sbuf,
				  struct tcb *to, struct l4_ipc_buffer *rbuf, unsigned count,
				  const struct endpoint *ep, unsigned *unwrapped)
{
	bool slot_used = false;
	unsigned done = 0;
	for (unsigned i = 0; i < count && i < L4_MSG_MAX_EXTRA_CAPS; i++) {
		struct cte *src = lookup_in(from, sbuf->caps[i]);
		if (!src || cte_is_empty(src))
			break;
		if (src->cap.type == CAP_ENDPOINT && (const struct endpoint *)src->cap.object == ep) {
			rbuf->badges[i] = src->cap.badge;
			*unwrapped |= 1u << i;
			done++;
			continue;
		}
		if (slot_used || cte_derive_check(src) != L4_OK)
			break;
		struct cte *cn = lookup_in(to, rbuf->receive_cnode);
		if (!cn || cn->cap.type != CAP_CNODE || rbuf->receive_index >= (1u << cn->cap.size_bits))
			break;
		struct cte *dest = (struct cte *)cn->cap.object + rbuf->receive_index;
		if (!cte_is_empty(dest))
			break;
		cte_insert_copy(src, dest, src->cap);
		slot_used = true;
		done++;
	}
	return done;
}

/* Copies the message of `from` (its registers and IPC buffer, or its
 * pending fault) to `to` as a received message with badge. Caps go along
 * only when the sender's cap has the grant right. */
static void transfer(struct tcb *from, struct tcb *to, uint32_t badge, bool can_grant,
		     const struct endpoint *ep)
{
	to->ctx.r[0] = badge;
	if (from->fault_pending) {
		to->ctx.r[1] = l4_msginfo(from->fault_label, 0, 0, from->fault_length);
		for (unsigned i = 0; i < from->fault_length; i++)
			to->ctx.r[MR_FIRST_REG + i] = from->fault_msg[i];
		return;
	}
	l4_msginfo_t info = from->ctx.r[1];
	unsigned len = l4_msginfo_length(info);
	if (len > L4_MSG_MAX_LENGTH)
		len = L4_MSG_MAX_LENGTH;
	for (unsigned i = 0; i < len && i < L4_MSG_REGISTERS_IN_CPU; i++)
		to->ctx.r[MR_FIRST_REG + i] = from->ctx.r[MR_FIRST_REG + i];

	unsigned extra = l4_msginfo_extra_caps(info), caps = 0, unwrapped = 0;
	bool needs_buffers = len > L4_MSG_REGISTERS_IN_CPU || (extra && can_grant);
	const struct l4_ipc_buffer *sbuf = needs_buffers ? ipc_buffer_of(from, false) : NULL;
	struct l4_ipc_buffer *rbuf = needs_buffers ? ipc_buffer_of(to, true) : NULL;
	if (len > L4_MSG_REGISTERS_IN_CPU) {
		if (sbuf && rbuf)
			memcpy(&rbuf->mr[L4_MSG_REGISTERS_IN_CPU], &sbuf->mr[L4_MSG_REGISTERS_IN_CPU],
			       (len - L4_MSG_REGISTERS_IN_CPU) * sizeof(uint32_t));
		else
			len = L4_MSG_REGISTERS_IN_CPU; /* no buffer on one side: cut */
	}
	if (extra && can_grant && sbuf && rbuf)
		caps = transfer_caps(from, sbuf, to, rbuf, extra, ep, &unwrapped);
	to->ctx.r[1] = l4_msginfo(l4_msginfo_label(info), unwrapped, caps, len);
}

/* After a Call (or fault) is delivered: the sender waits for the reply. */
static void await_reply(struct tcb *sender, struct tcb *receiver)
{
	ipc_set_reply_to(receiver, sender);
	/* donation: the receiver runs next, on the caller's remaining time */
	receiver->timeslice = sender->timeslice ? sender->timeslice : TIMESLICE_TICKS;
	sched_switch_direct(sender, THREAD_BLOCKED_REPLY, receiver);
}

void ipc_send(struct tcb *sender, struct endpoint *ep, uint32_t badge, bool blocking, bool call,
	      bool can_grant)
{
	if (ep->state == EP_RECEIVERS) {
		struct tcb *r = queue_pop(&ep->queue);
		if (!ep->queue.head)
			ep->state = EP_IDLE;
		transfer(sender, r, badge, can_grant, ep);
		r->blocked_on = NULL;
		if (call || sender->fault_pending)
			await_reply(sender, r);
		else
			sched_make_runnable(r);
		return;
	}
	if (!blocking)
		return; /* NBSend with nobody waiting: the message is dropped */
	sender->send_badge = badge;
	sender->send_is_call = call;
	sender->send_can_grant = can_grant;
	sender->blocked_on = ep;
	sched_block(sender, THREAD_BLOCKED_SEND);
	thread_queue_append(&ep->queue, sender);
	ep->state = EP_SENDERS;
}

static bool take_bound_notification(struct tcb *receiver)
{
	struct notification *n = receiver->bound_notification;
	if (!n || !n->word)
		return false;
	receiver->ctx.r[0] = n->word;
	receiver->ctx.r[1] = l4_msginfo(0, 0, 0, 0);
	n->word = 0;
	return true;
}

void ipc_receive(struct tcb *receiver, struct endpoint *ep, bool blocking)
{
	if (take_bound_notification(receiver))
		return;
	if (ep->state == EP_SENDERS) {
		struct tcb *s = queue_pop(&ep->queue);
		if (!ep->queue.head)
			ep->state = EP_IDLE;
		s->blocked_on = NULL;
		transfer(s, receiver, s->send_badge, s->send_can_grant, ep);
		if (s->send_is_call || s->fault_pending)
			await_reply(s, receiver);
		else
			sched_make_runnable(s);
		return;
	}
	if (!blocking) {
		receiver->ctx.r[0] = 0;
		receiver->ctx.r[1] = l4_msginfo(L4_LABEL_NO_MESSAGE, 0, 0, 0);
		return;
	}
	receiver->blocked_on = ep;
	sched_block(receiver, THREAD_BLOCKED_RECV);
	thread_queue_append(&ep->queue, receiver);
	ep->state = EP_RECEIVERS;
}

void ipc_resume_faulted(const struct tcb *replier, struct tcb *t, unsigned len)
{
	t->fault_pending = false;
	if (t->fault_label == L4_FAULT_VM_EXIT && t->vcpu) {
		uint32_t mr[3];
		for (unsigned i = 0; i < 3; i++)
			mr[i] = replier->ctx.r[MR_FIRST_REG + i];
		arch_vcpu_apply_reply(&t->vcpu->arch, &t->ctx, t->fault_msg, mr, len);
		return;
	}
	if (len >= 1)
		t->ctx.pc = replier->ctx.r[MR_FIRST_REG];
	if (len >= 2)
		t->ctx.sp = replier->ctx.r[MR_FIRST_REG + 1];
	if (len >= 3)
		t->ctx.r[0] = replier->ctx.r[MR_FIRST_REG + 2];
}

static void apply_fault_reply(struct tcb *replier, struct tcb *t)
{
	l4_msginfo_t info = replier->ctx.r[1];
	if (l4_msginfo_label(info) != 0) {
		t->fault_pending = false;
		t->state = THREAD_INACTIVE; /* the handler chose not to resume it */
		return;
	}
	ipc_resume_faulted(replier, t, l4_msginfo_length(info));
	/* as after a Call: the thread that waited for the reply runs next */
	t->state = THREAD_RUNNABLE;
	sched_run_first(t);
}

void ipc_reply(struct tcb *replier)
{
	struct tcb *caller = replier->reply_to;
	if (!caller)
		return;
	replier->reply_to = NULL;
	caller->caller_of = NULL;
	if (caller->state != THREAD_BLOCKED_REPLY)
		return;
	if (caller->fault_pending) {
		apply_fault_reply(replier, caller);
		return;
	}
	transfer(replier, caller, 0, false, NULL);
	caller->state = THREAD_RUNNABLE;
	sched_run_first(caller); /* the reply goes straight back to the caller */
}

void ipc_cancel(struct tcb *t)
{
	if (t->state == THREAD_BLOCKED_SEND || t->state == THREAD_BLOCKED_RECV) {
		struct endpoint *ep = t->blocked_on;
		thread_queue_remove(&ep->queue, t);
		if (!ep->queue.head)
			ep->state = EP_IDLE;
	} else if (t->state == THREAD_BLOCKED_NOTIFICATION) {
		struct notification *n = t->blocked_on;
		thread_queue_remove(&n->waiters, t);
	}
	t->blocked_on = NULL;
	if (t->caller_of) {            /* it waits for a reply that will not come */
		t->caller_of->reply_to = NULL;
		t->caller_of = NULL;
	}
	if (t->reply_to) {             /* it owes a reply: the caller gets an error */
		struct tcb *c = t->reply_to;
		t->reply_to = NULL;
		c->caller_of = NULL;
		c->ctx.r[1] = l4_msginfo(L4_ILLEGAL_OPERATION, 0, 0, 0);
		c->fault_pending = false;
		sched_make_runnable(c);
	}
}

void ipc_cancel_all(struct thread_queue *q)
{
	struct tcb *t;
	while ((t = queue_pop(q))) {
		t->blocked_on = NULL;
		t->ctx.r[0] = 0;
		t->ctx.r[1] = l4_msginfo(L4_INVALID_CAPABILITY, 0, 0, 0);
		t->fault_pending = false;
		sched_make_runnable(t);
	}
}

void notification_signal(struct notification *n, uint32_t badge)
{
	struct tcb *w = n->waiters.head;
	if (w) {
		thread_queue_remove(&n->waiters, w);
		w->blocked_on = NULL;
		w->ctx.r[0] = badge | n->word;
		w->ctx.r[1] = l4_msginfo(0, 0, 0, 0);
		n->word = 0;
		sched_make_runnable(w);
		return;
	}
	struct tcb *b = n->bound;
	if (b && b->state == THREAD_BLOCKED_RECV) {
		/* a bound thread waiting on an endpoint takes the signal */
		ipc_cancel(b);
		b->ctx.r[0] = badge | n->word;
		b->ctx.r[1] = l4_msginfo(0, 0, 0, 0);
		n->word = 0;
		sched_make_runnable(b);
		return;
	}
	n->word |= badge;
}

void notification_wait(struct tcb *t, struct notification *n, bool blocking)
{
	if (n->word || !blocking) {
		t->ctx.r[0] = n->word;
		t->ctx.r[1] = l4_msginfo(n->word ? 0 : L4_LABEL_NO_MESSAGE, 0, 0, 0);
		n->word = 0;
		return;
	}
	t->blocked_on = n;
	sched_block(t, THREAD_BLOCKED_NOTIFICATION);
	thread_queue_append(&n->waiters, t);
}

bool ipc_send_fault(struct tcb *t, unsigned label, const uint32_t *msg, unsigned length)
{
	if (!t->fault_endpoint)
		return false;
	struct cte *slot = cspace_lookup_cptr(&t->cspace_root.cap, t->fault_endpoint);
	if (!slot || slot->cap.type != CAP_ENDPOINT || !(slot->cap.rights & L4_RIGHT_WRITE))
		return false;
	t->fault_pending = true;
	t->fault_label = label;
	t->fault_length = length;
	memcpy(t->fault_msg, msg, length * sizeof(uint32_t));
	ipc_send(t, (struct endpoint *)slot->cap.object, slot->cap.badge, true, true, false);
	return true;
}
