/* SPDX-License-Identifier: MIT */
/* The RTOS's interface for applications: threads with fixed priorities,
 * time, semaphores, message queues, the console. Time is counted in ticks
 * of the CPU's counter (time_frequency() per second); timeouts are
 * relative, deadlines absolute. Calls that may block are for threads, not
 * for interrupt handlers; sem_give() may be called from either. */
#ifndef RTOS_H
#define RTOS_H

#include <tern/types.h>
#include "list.h"

/* ---- threads: priority 0 (the idle thread's) .. RTOS_PRIORITIES - 1, the
 * larger the more urgent. The most urgent ready thread runs; threads of
 * one priority share the CPU round-robin, RTOS_TIME_SLICE_US each. */
#define RTOS_PRIORITIES 32
#define RTOS_TIME_SLICE_US 10000u

struct thread;
/* A thread running entry(arg), ready at once (it runs at once if it is
 * more urgent than the caller); NULL if the thread table is full. */
struct thread *thread_create(const char *name, unsigned priority, void (*entry)(void *), void *arg);
/* Ends the calling thread (also what returning from its entry does). */
__noreturn void thread_exit(void);
/* Lets the other ready threads of the caller's priority run first. */
void thread_yield(void);
struct thread *thread_self(void);
const char *thread_name(const struct thread *t);
/* Bytes of the thread's stack never touched so far. */
size_t thread_stack_unused(const struct thread *t);

/* ---- time */
#define RTOS_NO_WAIT 0ull
#define RTOS_FOREVER (~0ull)
uint32_t time_frequency(void);
uint64_t time_now(void);
uint64_t time_from_us(uint64_t us);
uint64_t time_from_ms(uint64_t ms);
uint64_t time_to_ns(uint64_t ticks);
uint64_t time_to_us(uint64_t ticks);
void sleep_until(uint64_t deadline);
void sleep_for(uint64_t ticks);
/* Timer interrupts taken since boot. */
uint32_t time_interrupts(void);

/* ---- results of the calls that wait */
#define RTOS_OK 0
#define RTOS_TIMEOUT (-1)

/* ---- counting semaphores; waiters are woken most urgent first, in
 * arrival order within a priority */
struct sem {
	unsigned count;
	struct list waiters;
};
void sem_init(struct sem *s, unsigned count);
/* RTOS_OK, or RTOS_TIMEOUT if no unit came within timeout ticks. */
int sem_take(struct sem *s, uint64_t timeout);
void sem_give(struct sem *s);

/* ---- message queues of fixed-size items, copied in and out */
struct queue {
	uint8_t *buffer;
	size_t item_size;
	unsigned capacity, head, count;
	struct list senders, receivers; /* waiting for room, for an item */
};
void queue_init(struct queue *q, void *buffer, size_t item_size, unsigned capacity);
int queue_send(struct queue *q, const void *item, uint64_t timeout);
int queue_recv(struct queue *q, void *item, uint64_t timeout);

/* ---- the console: one line, "rtos: " in front, not mixed with another
 * thread's line */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
