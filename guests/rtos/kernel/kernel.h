/* SPDX-License-Identifier: MIT */
/* What the RTOS kernel's parts share: the thread table, blocking and
 * waking, the timeout list, interrupt dispatch. Internal to kernel/ and
 * the CPU layer. Every function here runs with interrupts masked. */
#ifndef RTOS_KERNEL_H
#define RTOS_KERNEL_H

#include "../arch/arch.h"
#include "../include/rtos.h"

#define MAX_THREADS 12
#define THREAD_STACK_BYTES 4096
#define STACK_CANARY 0x57ac4ca7u

enum thread_state { THREAD_FREE, THREAD_READY, THREAD_BLOCKED, THREAD_FINISHED };
enum wake_reason { WAKE_SIGNALLED, WAKE_TIMEOUT };

struct thread {
	uint32_t sp;               /* its saved frame while it does not run */
	const char *name;
	unsigned priority;
	enum thread_state state;
	struct list link;          /* in the ready queue or in wait_list */
	struct list *wait_list;    /* what it waits on (NULL: only time) */
	struct list timeout_link;  /* in the timeout list while timed */
	bool timed;
	uint64_t wake_at;
	enum wake_reason wake_reason;
	uint8_t stack[THREAD_STACK_BYTES] __aligned(8);
};

extern struct thread *current_thread;

/* ---- scheduling (sched.c) */
/* Blocks the current thread on wait_list (may be NULL) until woken or, if
 * deadline is not RTOS_FOREVER, until deadline. Returns why it woke. */
enum wake_reason kernel_block(struct list *wait_list, uint64_t deadline);
/* Makes a blocked thread ready; switches to it if it is more urgent and
 * the caller is a thread. */
void kernel_wake(struct thread *t, enum wake_reason why);
/* Wakes the first waiter of a wait list; false if there is none. */
bool kernel_wake_first(struct list *wait_list, enum wake_reason why);
/* Runs the most urgent ready thread if it is not the caller (no-op in an
 * interrupt handler: the interrupt's exit does it). */
void kernel_reschedule(void);
/* Whether threads of the running priority need to share the CPU (the time
 * slice tick is needed), and the rotation that shares it. */
bool sched_round_robin_due(void);
void sched_rotate(void);
/* Before any thread is created. */
void sched_init(void);
/* Starts the idle thread and the most urgent ready thread. */
__noreturn void kernel_start(void);
bool kernel_started(void);

/* ---- time (time.c) */
const char *time_init(unsigned timer_irq);
void time_arm(struct thread *t, uint64_t deadline);
void time_disarm(struct thread *t);
/* Programs the timer for the next event: the earliest timeout, the time
 * slice's end if one is running; nothing at all if neither (tickless). */
void time_program(void);
/* now + ticks without wrapping past RTOS_FOREVER. */
uint64_t time_deadline(uint64_t ticks);

/* ---- interrupts (irq.c) */
typedef void (*irq_handler_t)(unsigned id, void *ctx);
const char *irq_attach(unsigned id, irq_handler_t handler, void *ctx);

/* kernel_panic() (a bug: reported on the raw console, then the system
 * halts) is declared in arch.h, as the CPU layer calls it too. */

#endif
