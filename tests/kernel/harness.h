/* SPDX-License-Identifier: MIT */
/* The in-QEMU kernel test suite's harness: numbered tests run by a test
 * root task, helpers to make objects and threads, and checks that say what
 * went wrong. The console output is parsed by tests/kernel/run.py. */
#ifndef TESTS_KERNEL_HARNESS_H
#define TESTS_KERNEL_HARNESS_H

#include <l4/l4.h>

struct kernel_test {
	const char *name;
	int (*run)(void);      /* 0: passed; none: not on this variant */
	const char *left_out;  /* why it is not, then */
};

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			l4_printf("    check failed: %s (line %d)\n", #cond, __LINE__);   \
			return 1;                                                      \
		}                                                                      \
	} while (0)

#define CHECK_EQ(actual, expected)                                                     \
	do {                                                                           \
		unsigned a_ = (unsigned)(actual), e_ = (unsigned)(expected);           \
		if (a_ != e_) {                                                        \
			l4_printf("    %s is %u (0x%x), expected %u (line %d)\n", #actual, \
				  a_, a_, e_, __LINE__);                               \
			return 1;                                                      \
		}                                                                      \
	} while (0)
/* The kernel's own invariant checker finds nothing wrong (in kernels built
 * with it: the kernel-test images are). */
#ifdef CONFIG_KERNEL_INVARIANTS
#define CHECK_INVARIANTS()                                                             \
	do {                                                                           \
		unsigned counts_[3];                                                   \
		CHECK_EQ(l4_debug_check_invariants(0, counts_), 0);                    \
	} while (0)
#else
#define CHECK_INVARIANTS() do { } while (0)
#endif

#define ROOT L4_CAP_INIT_CNODE

extern const struct l4_bootinfo *bootinfo;

/* A free slot of the root CNode (never reused). */
l4_cptr_t slot_alloc(void);
/* Retypes one object from the test untyped into a fresh slot. */
l4_cptr_t object_new(unsigned type, unsigned size_bits);
/* A cap to the device frame at paddr (see l4_alloc_device_frame), or 0. */
l4_cptr_t device_frame(unsigned long long paddr);
/* The big untyped the tests retype from. */
extern l4_cptr_t test_untyped;
extern l4_cptr_t test_vspace_ids; /* the VSpace id pool object_new assigns from */

/* WINDOW's first 2 MiB (1 GiB of the root task's address space left free)
 * are ready for test frames once window_ready() returns 0. */
#define WINDOW 0x40000000u
int window_ready(void);
/* Makes and maps the tables a frame at vaddr in vspace needs: on the HYP
 * kernel a page directory for its GiB, then a page table for its 2 MiB; on
 * the SVC kernel (no directory level) the page table only. The caps go to
 * *pd (0 on SVC) and *pt when asked for. Returns the first error. */
int tables_map(l4_cptr_t vspace, unsigned vaddr, l4_cptr_t *pd, l4_cptr_t *pt);

/* Threads in the root task's address space. */
struct test_thread {
	l4_cptr_t tcb;
	void (*fn)(unsigned arg);
	unsigned arg;
	int used;
};
struct test_thread *thread_start(void (*fn)(unsigned), unsigned arg, unsigned priority);
struct test_thread *thread_new(void (*fn)(unsigned), unsigned arg, unsigned priority,
			       l4_cptr_t fault_ep, int resume);
void thread_stop(struct test_thread *t);
/* Whether thread_new gives threads an IPC buffer (default 1). */
extern int test_threads_get_ipc_buffers;

/* Message helpers */
static inline struct l4_msg msg(unsigned label, unsigned length)
{
	struct l4_msg m = {0};
	m.info = l4_msginfo(label, 0, 0, length);
	return m;
}



/* A page of device memory in device untyped i (of the boot info) that is
 * not the GIC's virtual CPU interface, which maps into guest VSpaces only;
 * 0 when there is none. */
static inline unsigned long long plain_device_page(unsigned i)
{
	unsigned long long base = bootinfo->untyped[i].paddr;
	unsigned long long end = base + (1ull << bootinfo->untyped[i].size_bits);
	unsigned long long gicv = bootinfo->gicv_paddr, page = base;
	if (gicv && gicv < page + 0x1000 && page < gicv + 0x10000)
		page = gicv + 0x10000; /* up to 64 KiB of it (virt's) */
	return page + 0x1000 <= end ? page : 0;
}

/* The interrupting device the tests program from user mode. On the HYP
 * kernel the non-secure physical generic timer (every A15 has one); the
 * Cortex-A9 has no generic timer, so on the SVC kernel the vexpress
 * motherboard's SP804 dual timer, which the kernel does not drive: its
 * first half counts down once per timer_start, its second runs free as the
 * counter. main.c maps its registers before the first test. */
#ifdef CONFIG_ARM_SVC
#ifndef CONFIG_BOARD_VEXPRESS_A9
#error "the SVC kernel tests know only vexpress-a9's SP804 timer"
#endif
#define TEST_TIMER_PADDR 0x10011000ull /* V2M-P1 timer 0 and 1 */
#define TEST_TIMER_INTID 34u           /* SPI 2 */
#define TEST_COUNTER_HZ 1000000u       /* QEMU's SP804 clock */
#define KERNEL_TICK_INTID 29u          /* the A9's private timer */
#define SP804_LOAD 0u
#define SP804_VALUE 1u
#define SP804_CONTROL 2u
#define SP804_INT_CLEAR 3u
#define SP804_SECOND 8u /* words to the second timer's registers */
#define SP804_ENABLE 0x80u
#define SP804_INT_ENABLE 0x20u
#define SP804_32BIT 0x02u
#define SP804_ONE_SHOT 0x01u
extern volatile unsigned *test_timer_regs;

static inline void timer_start(unsigned ticks)
{
	test_timer_regs[SP804_CONTROL] = 0;
	test_timer_regs[SP804_INT_CLEAR] = 1;
	test_timer_regs[SP804_LOAD] = ticks;
	test_timer_regs[SP804_CONTROL] = SP804_ENABLE | SP804_INT_ENABLE | SP804_32BIT |
					 SP804_ONE_SHOT;
}

/* Stops it and lowers its interrupt (the SP804 holds it until cleared). */
static inline void timer_stop(void)
{
	test_timer_regs[SP804_CONTROL] = 0;
	test_timer_regs[SP804_INT_CLEAR] = 1;
}

/* Counts up at TEST_COUNTER_HZ (the SP804 counts down: complemented). */
static inline unsigned long long test_counter(void)
{
	return ~test_timer_regs[SP804_SECOND + SP804_VALUE];
}
#else
#define TEST_TIMER_INTID (bootinfo->timer_irq_phys)
#define TEST_COUNTER_HZ (bootinfo->counter_hz)
#define KERNEL_TICK_INTID 26u /* the HYP timer */

static inline void timer_start(unsigned ticks)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 0" : : "r"(ticks));      /* CNTP_TVAL */
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" : : "r"(1u)); /* CNTP_CTL: on */
}

static inline void timer_stop(void)
{
	__asm__ volatile("mcr p15, 0, %0, c14, c2, 1\n\tisb" : : "r"(0u));
}

static inline unsigned long long test_counter(void)
{
	unsigned long long v;
	__asm__ volatile("mrrc p15, 0, %Q0, %R0, c14" : "=r"(v)); /* CNTPCT */
	return v;
}
#endif

/* An IRQ handler cap for intid in a new slot. */
static inline int get_handler(unsigned intid, l4_cptr_t *slot)
{
	*slot = slot_alloc();
	const unsigned args[] = {intid, ROOT, *slot};
	return l4_invoke(L4_CAP_IRQ_CONTROL, L4_IRQ_CONTROL_GET, 3, args, 0);
}

static inline int set_notification(l4_cptr_t handler, l4_cptr_t ntfn)
{
	const unsigned args[] = {ntfn};
	return l4_invoke(handler, L4_IRQ_HANDLER_SET_NOTIFICATION, 1, args, 0);
}

/* Each tests_*.c file exports its list. */
#define TEST_LIST(name) \
	extern const struct kernel_test name##_tests[]; \
	extern const unsigned name##_test_count;
TEST_LIST(untyped)
TEST_LIST(cnode)
TEST_LIST(tcb)
TEST_LIST(ipc)
TEST_LIST(notification)
TEST_LIST(sched)
TEST_LIST(fault)
TEST_LIST(vspace)
TEST_LIST(irq)
TEST_LIST(transfer)
TEST_LIST(vcpu)
TEST_LIST(integrity)
TEST_LIST(fuzz)
TEST_LIST(pv) /* tests_pv.c, SVC only */
TEST_LIST(pv_mmu) /* tests_pv_mmu.c, SVC only */
#define DEFINE_TEST_LIST(name, ...) \
	const struct kernel_test name##_tests[] = {__VA_ARGS__}; \
	const unsigned name##_test_count = sizeof(name##_tests) / sizeof(name##_tests[0]);
#define T(fn) {#fn, fn, 0}
/* A test that needs the virtualization extensions (the HYP kernel): on
 * the SVC kernel it is not built, and the suite names it as left out. */
#ifdef CONFIG_ARM_HYP
#define T_HYP(fn, why) T(fn)
#else
#define T_HYP(fn, why) {#fn, 0, why}
#endif
#endif
