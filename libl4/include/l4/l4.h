/* SPDX-License-Identifier: MIT */
/* libl4: everything a Tern user program includes. */
#ifndef L4_L4_H
#define L4_L4_H

#include <l4/abi.h>
#include <l4/alloc.h>
#include <l4/bootinfo.h>
#include <l4/invocation.h>
#include <l4/ipc_buffer.h>
#include <l4/syscall.h>

/* printf on the kernel's debug console (%c %s %d %u %x %llx %p ...). */
int l4_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void l4_puts(const char *s);

/* The cycle counter (PMCCNTR); under QEMU -icount shift=0, executed
 * instructions, kernel included. */
static inline unsigned l4_cycles(void)
{
	unsigned v;
	__asm__ volatile("isb\n\tmrc p15, 0, %0, c9, c13, 0" : "=r"(v) : : "memory");
	return v;
}

/* This thread's IPC buffer (the kernel keeps its address in TPIDRURO). */
static inline struct l4_ipc_buffer *l4_ipc_buffer(void)
{
	unsigned v;
	__asm__("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
	return (struct l4_ipc_buffer *)v;
}

/* The program's entry, called by crt0 with the boot info (root task) or
 * the argument its creator gave. */
int main(void *arg);

#endif
