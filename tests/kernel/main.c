// SPDX-License-Identifier: MIT
/* The kernel test root task: runs every test in order, numbered, and ends
 * with 'kernel: N passed, M failed'. */
#include "harness.h"

#define MAX_THREADS 16
#define THREAD_STACK_WORDS 1024

const struct l4_bootinfo *bootinfo;
l4_cptr_t test_untyped;
l4_cptr_t test_vspace_ids;
static struct l4_allocator allocator;

static struct test_thread threads[MAX_THREADS];
static unsigned stacks[MAX_THREADS][THREAD_STACK_WORDS] __attribute__((aligned(8)));
static struct l4_ipc_buffer ipc_buffers[MAX_THREADS] __attribute__((aligned(1024)));
int test_threads_get_ipc_buffers = 1;

l4_cptr_t slot_alloc(void)
{
	return l4_alloc_slot(&allocator);
}

l4_cptr_t object_new(unsigned type, unsigned size_bits)
{
	l4_cptr_t slot = l4_alloc_object(&allocator, type, size_bits);
	if (!slot)
		l4_printf("    retype of type %u failed: error %d\n", type, allocator.last_error);
	return slot;
}

/* A device frame can be retyped only once: tests asking for the same one
 * get copies of the cap kept here. */
l4_cptr_t device_frame(unsigned long long paddr)
{
	static struct {
		unsigned long long paddr;
		l4_cptr_t cap;
	} taken[8];
	static unsigned taken_count;
	l4_cptr_t original = 0;
	for (unsigned i = 0; i < taken_count && !original; i++)
		if (taken[i].paddr == paddr)
			original = taken[i].cap;
	if (!original && taken_count < sizeof(taken) / sizeof(taken[0])) {
		original = l4_alloc_device_frame(&allocator, paddr);
		if (original)
			taken[taken_count++] = (typeof(taken[0])){paddr, original};
	}
	l4_cptr_t copy = original ? slot_alloc() : 0;
	if (!copy || l4_cnode_copy(ROOT, copy, original, L4_RIGHTS_ALL)) {
		l4_printf("    no device frame at 0x%08x: error %d\n", (unsigned)paddr,
			  allocator.last_error);
		return 0;
	}
	return copy;
}

int window_ready(void)
{
	static l4_cptr_t window_pd, window_pt;
	if (window_pt)
		return 0;
	window_pd = object_new(L4_OBJ_PAGE_DIRECTORY, 0);
	window_pt = object_new(L4_OBJ_PAGE_TABLE, 0);
	CHECK_EQ(l4_page_table_map(window_pd, L4_CAP_INIT_VSPACE, WINDOW), L4_OK);
	CHECK_EQ(l4_page_table_map(window_pt, L4_CAP_INIT_VSPACE, WINDOW), L4_OK);
	return 0;
}

static void thread_trampoline(unsigned index)
{
	struct test_thread *t = &threads[index];
	t->fn(t->arg);
	l4_tcb_suspend(t->tcb);
}

struct test_thread *thread_new(void (*fn)(unsigned), unsigned arg, unsigned priority,
			       l4_cptr_t fault_ep, int resume)
{
	for (unsigned i = 0; i < MAX_THREADS; i++) {
		struct test_thread *t = &threads[i];
		if (t->used)
			continue;
		t->used = 1;
		t->fn = fn;
		t->arg = arg;
		t->tcb = object_new(L4_OBJ_TCB, 0);
		unsigned buffer = test_threads_get_ipc_buffers ? (unsigned)&ipc_buffers[i] : 0;
		if (l4_tcb_configure(t->tcb, ROOT, L4_CAP_INIT_VSPACE, fault_ep, buffer) ||
		    l4_tcb_set_priority(t->tcb, priority, L4_CAP_INIT_TCB) ||
		    l4_tcb_write_registers(t->tcb, (unsigned)thread_trampoline,
					   (unsigned)&stacks[i][THREAD_STACK_WORDS], i, resume)) {
			l4_printf("    cannot start a thread\n");
			return 0;
		}
		return t;
	}
	l4_printf("    out of test threads\n");
	return 0;
}

struct test_thread *thread_start(void (*fn)(unsigned), unsigned arg, unsigned priority)
{
	return thread_new(fn, arg, priority, 0, 1);
}

void thread_stop(struct test_thread *t)
{
	if (!t)
		return;
	l4_tcb_suspend(t->tcb);
	l4_cnode_delete(ROOT, t->tcb);
	t->used = 0;
}

static void run_list(const struct kernel_test *tests, unsigned count, unsigned *number,
		     unsigned *passed, unsigned *failed)
{
	for (unsigned i = 0; i < count; i++) {
		++*number;
		int result = tests[i].run();
		l4_printf("TEST %03u %-44s %s\n", *number, tests[i].name, result ? "FAILED" : "ok");
		if (result)
			++*failed;
		else
			++*passed;
	}
}

int main(void *arg)
{
	bootinfo = arg;
	l4_alloc_init(&allocator, bootinfo);
	test_vspace_ids = allocator.vspace_id_pool =
		l4_alloc_vspace_id_pool(&allocator, L4_CAP_VSPACE_ID_CONTROL);
	test_untyped = l4_alloc_untyped(&allocator);
	/* device frames are taken in address order: the GIC's virtual CPU
	 * interface first, for the tests that run guests, before a test takes
	 * device memory above it */
	if (bootinfo->gicv_paddr && !(device_frame(bootinfo->gicv_paddr) &&
				      device_frame(bootinfo->gicv_paddr + 0x1000)))
		l4_printf("kernel tests: cannot take the GIC virtual CPU interface's frames\n");
	l4_printf("kernel tests: %u untyped caps, testing with one of %u MiB\n",
		  bootinfo->untyped_count,
		  1u << (bootinfo->untyped[test_untyped - bootinfo->untyped_first].size_bits - 20));

	unsigned number = 0, passed = 0, failed = 0;
#define RUN(name) run_list(name##_tests, name##_test_count, &number, &passed, &failed)
	RUN(untyped);
	RUN(cnode);
	RUN(tcb);
	RUN(ipc);
	RUN(notification);
	RUN(sched);
	RUN(fault);
	RUN(vspace);
	RUN(irq);
	RUN(transfer);
	RUN(vcpu);
	RUN(integrity);
	RUN(fuzz);
	l4_printf("kernel: %u passed, %u failed\n", passed, failed);
	return 0;
}
