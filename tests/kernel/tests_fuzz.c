// SPDX-License-Identifier: MIT
/* 100,000 random system calls and invocations with random arguments on a
 * sandbox of caps (never the root CNode), then checks that the kernel is up
 * and still does its job. */
#include "harness.h"

#define FUZZ_ROUNDS 100000
#define SANDBOX_RADIX 6

static unsigned rng_state = 0x12345678;

static unsigned rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static const unsigned labels[] = {
	L4_UNTYPED_RETYPE, L4_CNODE_COPY, L4_CNODE_MINT, L4_CNODE_MOVE, L4_CNODE_MUTATE,
	L4_CNODE_DELETE, L4_CNODE_REVOKE, L4_TCB_CONFIGURE, L4_TCB_READ_REGISTERS,
	L4_TCB_WRITE_REGISTERS, L4_TCB_SUSPEND, L4_TCB_RESUME, L4_TCB_SET_PRIORITY,
	L4_TCB_BIND_NOTIFICATION, L4_TCB_UNBIND_NOTIFICATION, 0, 0xfffff,
};

static void echo_server(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	for (;;)
		l4_reply_recv(ep, &m);
}

/* The fuzzing thread's CSpace: its own CNode, so that nothing it does can
 * reach the root task's caps. Slots 1-6 hold its sandbox. */
enum { F_SELF = 1, F_UNTYPED, F_NOTIFICATION, F_TCB, F_ENDPOINT, F_EMPTY, F_COUNT = 6 };
static unsigned errors[L4_ERROR_COUNT + 1];
static volatile unsigned fuzz_done;

static void fuzz_body(unsigned unused)
{
	for (unsigned round = 0; round < FUZZ_ROUNDS; round++) {
		struct l4_msg m;
		unsigned pick = rnd();
		m.word = (pick & 7) < 6 ? 1 + pick % F_COUNT : (rnd() | 0x80000000u);
		unsigned label = labels[rnd() % (sizeof(labels) / sizeof(labels[0]))];
		m.info = l4_msginfo(label, 0, 0, rnd() % 8);
		for (unsigned i = 0; i < L4_MSG_REGISTERS_IN_CPU; i++) {
			unsigned r = rnd();
			/* arguments: small numbers (indices, types, cap pointers) or anything */
			m.mr[i] = (r & 1) ? r % 16 : rnd();
		}
		switch (rnd() % 3) {
		case 0:
			if (m.word == F_ENDPOINT)
				l4_sys_nbsend(&m); /* a Call on the endpoint would block */
			else
				l4_sys_call(&m);
			break;
		case 1:
			l4_sys_nbsend(&m);
			break;
		default:
			l4_sys_nbrecv(&m);
			break;
		}
		unsigned e = l4_msginfo_label(m.info);
		errors[e < L4_ERROR_COUNT ? e : L4_ERROR_COUNT]++;
	}
	fuzz_done = 1;
	for (;;)
		l4_yield();
}

static int random_syscalls_leave_the_kernel_working(void)
{
	l4_cptr_t f = object_new(L4_OBJ_CNODE, L4_ROOT_CNODE_RADIX), f_root = slot_alloc();
	/* as a CSpace root it needs a guard: 32 - radix zero bits */
	CHECK_EQ(l4_cnode_mint(ROOT, f_root, f, L4_RIGHTS_ALL,
			       (32u - L4_ROOT_CNODE_RADIX) << 27), L4_OK);
	CHECK_EQ(l4_cnode_copy(f, F_SELF, f_root, L4_RIGHTS_ALL), L4_OK);
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_UNTYPED, 16, f, F_UNTYPED, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_NOTIFICATION, 0, f, F_NOTIFICATION, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_TCB, 0, f, F_TCB, 1), L4_OK);
	CHECK_EQ(l4_untyped_retype(test_untyped, L4_OBJ_ENDPOINT, 0, f, F_ENDPOINT, 1), L4_OK);

	fuzz_done = 0;
	struct test_thread *fuzzer = thread_new(fuzz_body, 0, 255, 0, 0);
	CHECK(fuzzer);
	CHECK_EQ(l4_tcb_configure(fuzzer->tcb, f_root, L4_CAP_INIT_VSPACE, 0, 0), L4_OK);
	CHECK_EQ(l4_tcb_resume(fuzzer->tcb), L4_OK);
	while (!fuzz_done)
		l4_yield();
	thread_stop(fuzzer);

	l4_printf("    %u calls: %u ok, %u invalid argument, %u invalid cap, %u illegal, %u range, "
		  "%u failed lookup, %u truncated, %u delete first, %u other\n",
		  FUZZ_ROUNDS, errors[L4_OK], errors[L4_INVALID_ARGUMENT], errors[L4_INVALID_CAPABILITY],
		  errors[L4_ILLEGAL_OPERATION], errors[L4_RANGE_ERROR], errors[L4_FAILED_LOOKUP],
		  errors[L4_TRUNCATED_MESSAGE], errors[L4_DELETE_FIRST], errors[L4_ERROR_COUNT]);
	CHECK(errors[L4_OK] > 1000);  /* the fuzz reached success paths too */
	CHECK(errors[L4_FAILED_LOOKUP] > 1000);

	/* invariants: the kernel still retypes, and IPC still works */
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	struct test_thread *t = thread_start(echo_server, ep, 255);
	CHECK(t);
	struct l4_msg m = msg(0x77, 2);
	m.mr[0] = 1, m.mr[1] = 2;
	l4_call(ep, &m);
	CHECK_EQ(l4_msginfo_label(m.info), 0x77);
	CHECK_EQ(m.mr[1], 2);
	thread_stop(t);
	return 0;
}

DEFINE_TEST_LIST(fuzz, T(random_syscalls_leave_the_kernel_working))
