/* SPDX-License-Identifier: MIT */
/* Synchronous IPC through endpoints, notifications, and fault delivery.
 * Messages go register to register (message info in r1, MR0-MR5 in r2-r7,
 * the badge to the receiver's r0): a single copy. */
#ifndef TERN_IPC_H
#define TERN_IPC_H

#include <tern/object.h>
#include <tern/thread.h>

static inline void thread_queue_append(struct thread_queue *q, struct tcb *t)
{
	t->queue_next = NULL;
	t->queue_prev = q->tail;
	if (q->tail)
		q->tail->queue_next = t;
	else
		q->head = t;
	q->tail = t;
}

static inline void thread_queue_remove(struct thread_queue *q, struct tcb *t)
{
	if (t->queue_prev)
		t->queue_prev->queue_next = t->queue_next;
	else
		q->head = t->queue_next;
	if (t->queue_next)
		t->queue_next->queue_prev = t->queue_prev;
	else
		q->tail = t->queue_prev;
	t->queue_next = t->queue_prev = NULL;
}

struct l4_ipc_buffer;
/* A thread's IPC buffer through the kernel's mapping, or NULL when it has
 * none, it crosses a page, or it is not mapped (writable, for write). */
struct l4_ipc_buffer *ipc_buffer_of(struct tcb *t, bool write);

/* server now owes caller the reply. */
static inline void ipc_set_reply_to(struct tcb *server, struct tcb *caller)
{
	/* a reply still owed to an earlier caller is dropped: that caller
	 * stays blocked, as when its reply cap is deleted */
	if (server->reply_to)
		server->reply_to->caller_of = NULL;
	server->reply_to = caller;
	caller->caller_of = server;
}

void ipc_send(struct tcb *sender, struct endpoint *ep, uint32_t badge, bool blocking, bool call,
	      bool can_grant);
void ipc_receive(struct tcb *receiver, struct endpoint *ep, bool blocking);
/* Sends the replier's message to the thread it owes a reply, if any. */
void ipc_reply(struct tcb *replier);
/* Takes t out of any endpoint or notification queue and reply relation. */
void ipc_cancel(struct tcb *t);
/* Wakes every thread queued on ep or ntfn with an error (object deleted). */
void ipc_cancel_all(struct thread_queue *q);

void notification_signal(struct notification *n, uint32_t badge);
void notification_wait(struct tcb *t, struct notification *n, bool blocking);

/* Delivers t's fault (length words) to its fault endpoint; false if it
 * has none. */
bool ipc_send_fault(struct tcb *t, unsigned label, const uint32_t *msg, unsigned length);

/* A fault handler's reply of label 0 and length len (in the replier's
 * registers) applied to the faulted thread t: a VM exit's results, or a new
 * pc, sp and r0. t is not made runnable here. */
void ipc_resume_faulted(const struct tcb *replier, struct tcb *t, unsigned len);

struct arch_fault;
/* Sends t's fault to its fault endpoint, or reports it and suspends t. */
void kernel_thread_fault(struct tcb *t, unsigned label, const struct arch_fault *f);

/* The IPC fastpath (kernel/ipc_fastpath.c): a short Call or ReplyRecv
 * between threads where the other thread runs next, done without the
 * general machinery. Returns only when it does not apply. */
void fastpath_call(struct tcb *t);
void fastpath_reply_recv(struct tcb *t);
/* The same for a guest's exit (msg: L4_VM_EXIT_LENGTH words) to a VMM
 * waiting on t's fault endpoint. */
void fastpath_vm_exit(struct tcb *t, const uint32_t *msg);

#endif
