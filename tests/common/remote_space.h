/* SPDX-License-Identifier: MIT */
/* A second address space for tests and benchmarks: its own VSpace with a
 * copy of the program's remote section (code marked
 * __attribute__((section(".text.remote")))) at the same address, and a
 * stack. Code there may call only what the compiler inlines. */
#ifndef TESTS_COMMON_REMOTE_SPACE_H
#define TESTS_COMMON_REMOTE_SPACE_H

#include <l4/l4.h>

#define REMOTE_SECTION __attribute__((section(".text.remote"), noinline))
#define REMOTE_STACK_TOP 0x101000u

/* A message for code in the remote section to start from (written out:
 * an initialiser could become a call to memset, which is not there). */
static inline __attribute__((always_inline)) void remote_msg_init(struct l4_msg *m, unsigned cptr)
{
	m->word = cptr;
	m->info = 0;
	for (unsigned i = 0; i < L4_MSG_REGISTERS_IN_CPU; i++)
		m->mr[i] = 0;
}

struct remote_space {
	l4_cptr_t vspace;
	int error;            /* the first invocation error, or 0 */
};

/* Builds the address space from `untyped`, taking cap slots from
 * slot_alloc() and its VSpace id from id_pool. `staging` is a free, page-table-covered address of the
 * caller's own VSpace (used to copy the code). */
int remote_space_create(struct remote_space *rs, l4_cptr_t untyped, l4_cptr_t (*slot_alloc)(void),
			l4_cptr_t id_pool, unsigned staging);
/* Starts a thread there at entry(arg) with the caller's CSpace. Returns its
 * TCB cptr, or 0. */
l4_cptr_t remote_thread_start(struct remote_space *rs, l4_cptr_t untyped,
			      l4_cptr_t (*slot_alloc)(void), void (*entry)(unsigned), unsigned arg,
			      unsigned priority);

#endif
