/* SPDX-License-Identifier: MIT */
/* Kernel objects other than TCBs and CNodes, and the object life cycle:
 * creation by retype, destruction when the last cap goes. */
#ifndef TERN_OBJECT_H
#define TERN_OBJECT_H

#include <tern/cap.h>
#include <tern/errors.h>

struct tcb;

/* A queue of threads blocked on an endpoint or notification. */
struct thread_queue {
	struct tcb *head;
	struct tcb *tail;
};

enum endpoint_state { EP_IDLE, EP_SENDERS, EP_RECEIVERS };

struct endpoint {
	struct thread_queue queue;
	uint32_t state;
	uint32_t pad;
};

struct notification {
	struct thread_queue waiters;
	uint32_t word;        /* badges signalled and not yet taken, OR-ed */
	struct tcb *bound;    /* TCB whose Recv also takes this notification */
};

/* Makes the objects of a retype (memory already zeroed). */
void object_init(enum l4_object_type type, void *object, unsigned size_bits);
/* The cap a retype puts in its destination slot. */
struct cap object_cap(enum l4_object_type type, uintptr_t object, unsigned size_bits, bool device);
/* Undoes everything an object is part of: wakes waiters, unbinds, suspends.
 * Called when its last cap is deleted; the caps in a CNode's or TCB's own
 * slots are deleted by cte_delete, not here. */
void object_destroy(const struct cap *cap);

/* Slot operations (kernel/object/cnode.c). */
void cte_insert_derived(struct cte *parent, struct cte *slot, struct cap cap);
/* Copying a cap (CNode_Copy and _Mint, cap transfer in IPC): L4_OK or why
 * src's cap cannot be copied, and the copy itself (cap: src's cap with the
 * rights and badge of the copy). Every copy goes through these two. */
enum l4_error cte_derive_check(const struct cte *src);
void cte_insert_copy(struct cte *src, struct cte *dest, struct cap cap);
/* Empties slot, destroying the object if it held the last cap to it; false
 * when it stopped early for a pending interrupt (a CNode or TCB with caps
 * of its own is left a zombie; deleting it again goes on). */
bool cte_delete(struct cte *slot);
/* Deletes every cap derived from slot's cap; false when it stopped early
 * for a pending interrupt (what is deleted is gone, the rest is not). */
bool cte_revoke(struct cte *slot);
bool cte_is_final(const struct cte *slot);
bool cap_same_object(const struct cap *a, const struct cap *b);

#endif
