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

int tables_map(l4_cptr_t vspace, unsigned vaddr, l4_cptr_t *pd, l4_cptr_t *pt)
{
	l4_cptr_t directory = 0, table;
	int err = L4_OK;
	if (L4_HAS_PAGE_DIRECTORY) {
		directory = object_new(L4_OBJ_PAGE_DIRECTORY, 0);
		err = directory ? l4_page_table_map(directory, vspace, vaddr) : L4_NOT_ENOUGH_MEMORY;
	}
	table = object_new(L4_OBJ_PAGE_TABLE, 0);
	if (!err)
		err = table ? l4_page_table_map(table, vspace, vaddr) : L4_NOT_ENOUGH_MEMORY;
	if (pd)
		*pd = directory;
	if (pt)
		*pt = table;
	return err;
}

int window_ready(void)
{
	static int ready;
	if (ready)
		return 0;
	CHECK_EQ(tables_map(L4_CAP_INIT_VSPACE, WINDOW, 0, 0), L4_OK);
	ready = 1;
	return 0;
}

#ifdef CONFIG_ARM_SVC
volatile unsigned *test_timer_regs;

/* Maps the SP804 (harness.h) at the window's last page and starts its
 * counter. Device frames are taken in address order within an untyped:
 * the tests' device pages (plain_device_page) below the timer first. */
static int test_timer_ready(void)
{
	CHECK_EQ(window_ready(), 0);
	for (unsigned i = 0; i < bootinfo->untyped_count; i++) {
		unsigned long long page = bootinfo->untyped[i].is_device ? plain_device_page(i) : 0;
		if (page && page < TEST_TIMER_PADDR &&
		    TEST_TIMER_PADDR < bootinfo->untyped[i].paddr + (1ull << bootinfo->untyped[i].size_bits))
			CHECK(device_frame(page));
	}
	l4_cptr_t frame = device_frame(TEST_TIMER_PADDR);
	CHECK(frame);
	const unsigned va = WINDOW + 0x1ff000u;
	CHECK_EQ(l4_frame_map(frame, L4_CAP_INIT_VSPACE, va, L4_RIGHT_READ | L4_RIGHT_WRITE,
			      L4_FRAME_UNCACHED), L4_OK);
	test_timer_regs = (volatile unsigned *)va;
	timer_stop();
	volatile unsigned *counter = test_timer_regs + SP804_SECOND;
	counter[SP804_CONTROL] = 0;
	counter[SP804_LOAD] = 0xffffffffu;
	counter[SP804_CONTROL] = SP804_ENABLE | SP804_32BIT; /* free-running, no interrupt */
	return 0;
}
#endif

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
		if (!tests[i].run)
			continue; /* not built on this variant: named at the start */
		++*number;
		int result = tests[i].run();
		l4_printf("TEST %03u %-44s %s\n", *number, tests[i].name, result ? "FAILED" : "ok");
		if (result)
			++*failed;
		else
			++*passed;
	}
}

/* One line for each reason a list's tests are left out on this variant,
 * before any test runs (tests/kernel/run.py counts them as skipped).
 * Returns how many are. */
static unsigned report_left_out(const char *list, const struct kernel_test *tests,
				unsigned count)
{
	unsigned total = 0;
	for (unsigned i = 0; i < count; i++) {
		if (tests[i].run)
			continue;
		int named_before = 0; /* the same reason is one line */
		for (unsigned j = 0; j < i && !named_before; j++)
			named_before = !tests[j].run && tests[j].left_out == tests[i].left_out;
		if (named_before)
			continue;
		unsigned n = 0;
		for (unsigned j = i; j < count; j++)
			n += !tests[j].run && tests[j].left_out == tests[i].left_out;
		l4_printf("not on this variant: %s (%u test%s): %s\n", list, n, n == 1 ? "" : "s",
			  tests[i].left_out);
		total += n;
	}
	return total;
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

#ifdef CONFIG_ARM_SVC
	if (test_timer_ready())
		l4_printf("kernel tests: cannot map the SP804 timer\n");
#endif

	unsigned left_out = 0;
#define LEFT_OUT(name) (left_out += report_left_out(#name, name##_tests, name##_test_count))
	LEFT_OUT(untyped);
	LEFT_OUT(cnode);
	LEFT_OUT(tcb);
	LEFT_OUT(ipc);
	LEFT_OUT(notification);
	LEFT_OUT(sched);
	LEFT_OUT(fault);
	LEFT_OUT(vspace);
	LEFT_OUT(irq);
	LEFT_OUT(transfer);
	LEFT_OUT(vcpu);
	LEFT_OUT(integrity);
	LEFT_OUT(fuzz);

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
#ifdef CONFIG_ARM_SVC
	RUN(pv); /* the deprivileged VCPU */
	RUN(pv_mmu); /* its guest MMU: shadow page tables */
#endif
	if (left_out)
		l4_printf("kernel: %u passed, %u failed, %u not on this variant\n", passed, failed,
			  left_out);
	else
		l4_printf("kernel: %u passed, %u failed\n", passed, failed);
	return 0;
}
