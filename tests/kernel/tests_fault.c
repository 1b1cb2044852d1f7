// SPDX-License-Identifier: MIT
/* Faults delivered as IPC to a fault endpoint, and resumed by the reply. */
#include "harness.h"

static volatile unsigned fault_label, fault_pc, fault_addr, fault_status, fault_flags;
static volatile unsigned faults_handled, resumed;
static volatile unsigned resume_pc;

/* The fault handler: records each fault and resumes at resume_pc. */
static void fault_handler(unsigned ep)
{
	struct l4_msg m = msg(0, 0);
	l4_recv(ep, &m);
	for (;;) {
		fault_label = l4_msginfo_label(m.info);
		fault_pc = m.mr[0];
		fault_addr = m.mr[1];
		fault_status = m.mr[2];
		fault_flags = m.mr[3];
		faults_handled++;
		m = msg(resume_pc ? 0 : 1, 1);
		m.mr[0] = resume_pc;
		l4_reply_recv(ep, &m);
	}
}

static void after_fault(void)
{
	resumed = 1;
	for (;;)
		l4_yield();
}

static void read_unmapped(unsigned unused)
{
	(void)*(volatile unsigned *)0x40000000u;
}

static void write_unmapped(unsigned unused)
{
	*(volatile unsigned *)0x50000010u = 1;
}

extern char undefined_here[];
static void undefined_instruction(unsigned unused)
{
	__asm__ volatile(".global undefined_here\nundefined_here: udf #7");
}

extern char vfp_here[];
static void vfp_instruction(unsigned unused)
{
	/* native threads are soft-float: the VFP is the guests' alone */
	__asm__ volatile(".fpu vfpv3\n.global vfp_here\nvfp_here: vmrs r0, fpscr" : : : "r0");
}

/* The performance monitor and the debug registers are shared by every
 * thread and guest: a native thread's access is undefined. */
extern char pmu_here[], debug_here[];
static void pmu_access(unsigned unused)
{
	__asm__ volatile(".global pmu_here\npmu_here: mrc p15, 0, r0, c9, c13, 0" : : : "r0");
}

static void debug_access(unsigned unused)
{
	__asm__ volatile(".global debug_here\ndebug_here: mrc p14, 0, r0, c0, c1, 0" : : : "r0");
}

static void unknown_syscall(unsigned unused)
{
	__asm__ volatile("svc #99" : : : "r0", "r1", "memory");
}

static int run_faulting(void (*fn)(unsigned), unsigned expect_label)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	faults_handled = resumed = 0;
	resume_pc = (unsigned)after_fault;
	struct test_thread *h = thread_start(fault_handler, ep, 255);
	l4_yield();
	struct test_thread *t = thread_new(fn, 0, 255, ep, 1);
	for (int i = 0; i < 10 && !resumed; i++)
		l4_yield();
	thread_stop(t);
	thread_stop(h);
	CHECK_EQ(faults_handled, 1);
	CHECK_EQ(fault_label, expect_label);
	CHECK_EQ(resumed, 1); /* the reply's new pc was taken */
	return 0;
}

static int page_fault_on_read_reaches_the_handler(void)
{
	if (run_faulting(read_unmapped, L4_FAULT_PAGE))
		return 1;
	CHECK_EQ(fault_addr, 0x40000000u);
	CHECK_EQ(fault_flags & L4_FAULT_WRITE, 0);
	return 0;
}

static int page_fault_on_write_says_write(void)
{
	if (run_faulting(write_unmapped, L4_FAULT_PAGE))
		return 1;
	CHECK_EQ(fault_addr, 0x50000010u);
	CHECK_EQ(fault_flags & L4_FAULT_WRITE, L4_FAULT_WRITE);
	return 0;
}

/* fn's instruction at `here` is an undefined-instruction fault. */
static int undefined_at(void (*fn)(unsigned), const char *here)
{
	if (run_faulting(fn, L4_FAULT_UNDEFINED_INSTRUCTION))
		return 1;
	CHECK_EQ(fault_pc, (unsigned)here);
	return 0;
}

static int undefined_instruction_reaches_the_handler(void)
{
	return undefined_at(undefined_instruction, undefined_here);
}

static int vfp_instruction_is_undefined_in_a_native_thread(void)
{
	return undefined_at(vfp_instruction, vfp_here);
}

static int performance_monitor_is_undefined_in_a_native_thread(void)
{
	return undefined_at(pmu_access, pmu_here);
}

static int debug_registers_are_undefined_in_a_native_thread(void)
{
	return undefined_at(debug_access, debug_here);
}

static int unknown_syscall_reaches_the_handler(void)
{
	if (run_faulting(unknown_syscall, L4_FAULT_UNKNOWN_SYSCALL))
		return 1;
	CHECK_EQ(fault_status, 99);
	return 0;
}

static int jump_to_nowhere_is_an_instruction_fetch_fault(void)
{
	if (run_faulting((void (*)(unsigned))0x60000000u, L4_FAULT_PAGE))
		return 1;
	CHECK_EQ(fault_pc, 0x60000000u);
	CHECK_EQ(fault_flags & L4_FAULT_FETCH, L4_FAULT_FETCH);
	return 0;
}

static int fault_without_handler_suspends_only_that_thread(void)
{
	resumed = 0;
	struct test_thread *t = thread_new(read_unmapped, 0, 255, 0, 1);
	for (int i = 0; i < 5; i++)
		l4_yield();
	unsigned pc, sp, r0;
	CHECK_EQ(l4_tcb_read_registers(t->tcb, &pc, &sp, &r0), L4_OK);
	CHECK_EQ(resumed, 0);
	thread_stop(t);
	return 0; /* and the root task is still running */
}

static int handler_can_refuse_to_resume(void)
{
	l4_cptr_t ep = object_new(L4_OBJ_ENDPOINT, 0);
	faults_handled = resumed = 0;
	resume_pc = 0; /* reply with a non-zero label: do not resume */
	struct test_thread *h = thread_start(fault_handler, ep, 255);
	l4_yield();
	struct test_thread *t = thread_new(read_unmapped, 0, 255, ep, 1);
	for (int i = 0; i < 10; i++)
		l4_yield();
	CHECK_EQ(faults_handled, 1);
	CHECK_EQ(resumed, 0);
	thread_stop(t);
	thread_stop(h);
	return 0;
}

DEFINE_TEST_LIST(fault,
	T(page_fault_on_read_reaches_the_handler),
	T(page_fault_on_write_says_write),
	T(undefined_instruction_reaches_the_handler),
	T(vfp_instruction_is_undefined_in_a_native_thread),
	T(performance_monitor_is_undefined_in_a_native_thread),
	T(debug_registers_are_undefined_in_a_native_thread),
	T(unknown_syscall_reaches_the_handler),
	T(jump_to_nowhere_is_an_instruction_fetch_fault),
	T(fault_without_handler_suspends_only_that_thread),
	T(handler_can_refuse_to_resume))
