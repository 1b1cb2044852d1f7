/* SPDX-License-Identifier: MIT */
/* An invocation: a Call on a kernel object's cap. Each object type has a
 * handler that first decodes (checks every argument, the only step that
 * can fail) and then invokes (changes state, cannot fail). */
#ifndef TERN_INVOCATION_H
#define TERN_INVOCATION_H

#include <tern/errors.h>
#include <tern/object.h>
#include <tern/thread.h>

/* The most message registers an invocation takes or replies with; beyond
 * the first six they travel in the caller's IPC buffer. */
#define INVOCATION_MAX_MRS 24

struct invocation {
	struct tcb *caller;
	struct cte *slot;        /* the invoked cap's slot */
	unsigned label;
	unsigned length;         /* message registers the caller sent */
	uint32_t mr[INVOCATION_MAX_MRS];
	uint32_t reply[INVOCATION_MAX_MRS];
	unsigned reply_length;
	/* Preempted by a pending interrupt: the caller's system call runs again
	 * from the start when it is next scheduled (it must be restartable).
	 * With restart_args, the first restart_args message registers are
	 * written back from mr[] first: the call goes on where it stopped. */
	bool restart;
	unsigned restart_args;
};

/* Resolves cptr in the caller's CSpace. On failure returns NULL and sets
 * *err to L4_FAILED_LOOKUP for argument arg. */
struct cte *invocation_lookup(const struct invocation *inv, uint32_t cptr, unsigned arg,
			      struct invocation_error *err);
/* The same, and the cap there must be of `type` (else L4_INVALID_CAPABILITY
 * for argument arg). */
struct cte *invocation_lookup_cap(const struct invocation *inv, uint32_t cptr, unsigned arg,
				  enum cap_type type, struct invocation_error *err);
/* The empty slot that the arguments cnode_arg (a CNode cptr) and
 * cnode_arg + 1 (an index in it) name, or NULL with *err set. */
struct cte *invocation_empty_slot(const struct invocation *inv, unsigned cnode_arg,
				  struct invocation_error *err);
/* Checks that the caller sent at least n message registers. */
bool invocation_has_args(const struct invocation *inv, unsigned n, struct invocation_error *err);

struct invocation_error untyped_invoke(struct invocation *inv);
struct invocation_error cnode_invoke(struct invocation *inv);
struct invocation_error tcb_invoke(struct invocation *inv);

/* Performs the invocation on the cap in inv->slot and writes the reply
 * (or the error) into the caller's registers. */
void invocation_perform(struct invocation *inv);

#endif
