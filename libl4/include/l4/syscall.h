/* SPDX-License-Identifier: MIT */
/* System call stubs. The call number is the SVC immediate; r0 carries the
 * cap pointer in and the badge out, r1 the message info, r2-r7 MR0-MR5. */
#ifndef L4_SYSCALL_H
#define L4_SYSCALL_H

#include <l4/abi.h>

/* A message as it travels in registers. */
struct l4_msg {
	unsigned int word;       /* cap pointer in, badge out */
	l4_msginfo_t info;
	unsigned int mr[L4_MSG_REGISTERS_IN_CPU];
};

#define L4_SYSCALL_BODY(number, m)                                                         \
	do {                                                                               \
		register unsigned int r0 __asm__("r0") = (m)->word;                        \
		register unsigned int r1 __asm__("r1") = (m)->info;                        \
		register unsigned int r2 __asm__("r2") = (m)->mr[0];                       \
		register unsigned int r3 __asm__("r3") = (m)->mr[1];                       \
		register unsigned int r4 __asm__("r4") = (m)->mr[2];                       \
		register unsigned int r5 __asm__("r5") = (m)->mr[3];                       \
		register unsigned int r6 __asm__("r6") = (m)->mr[4];                       \
		register unsigned int r7 __asm__("r7") = (m)->mr[5];                       \
		__asm__ volatile("svc #" #number                                           \
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), \
				   "+r"(r6), "+r"(r7)                                      \
				 :                                                         \
				 : "memory");                                              \
		(m)->word = r0;                                                            \
		(m)->info = r1;                                                            \
		(m)->mr[0] = r2, (m)->mr[1] = r3, (m)->mr[2] = r4;                         \
		(m)->mr[3] = r5, (m)->mr[4] = r6, (m)->mr[5] = r7;                         \
	} while (0)

/* The immediates below are the enum l4_syscall values (checked below). */
static inline __attribute__((always_inline)) void l4_sys_call(struct l4_msg *m) { L4_SYSCALL_BODY(1, m); }
static inline __attribute__((always_inline)) void l4_sys_reply_recv(struct l4_msg *m) { L4_SYSCALL_BODY(2, m); }
static inline __attribute__((always_inline)) void l4_sys_send(struct l4_msg *m) { L4_SYSCALL_BODY(3, m); }
static inline __attribute__((always_inline)) void l4_sys_nbsend(struct l4_msg *m) { L4_SYSCALL_BODY(4, m); }
static inline __attribute__((always_inline)) void l4_sys_recv(struct l4_msg *m) { L4_SYSCALL_BODY(5, m); }
static inline __attribute__((always_inline)) void l4_sys_nbrecv(struct l4_msg *m) { L4_SYSCALL_BODY(6, m); }
static inline void l4_yield(void)
{
	struct l4_msg m = {0};
	L4_SYSCALL_BODY(7, &m);
}
static inline void l4_debug_putchar(char c)
{
	struct l4_msg m = {.word = (unsigned char)c};
	L4_SYSCALL_BODY(8, &m);
}

/* A byte of console input, or -1 when none is waiting. */
static inline int l4_debug_getchar(void)
{
	struct l4_msg m = {0};
	L4_SYSCALL_BODY(9, &m);
	return (int)m.word;
}

/* Debug builds (CONFIG_KERNEL_INVARIANTS): the kernel checks its invariants
 * (L4_INVARIANTS_* flags); 0 or the number of the first one violated
 * (enum l4_invariant). counts, when given: caps, mappings and VSpaces seen.
 * Elsewhere an unknown system call: a fault. */
static inline unsigned l4_debug_check_invariants(unsigned flags, unsigned counts[3])
{
	struct l4_msg m = {.word = flags};
	L4_SYSCALL_BODY(10, &m);
	if (counts)
		counts[0] = m.info, counts[1] = m.mr[0], counts[2] = m.mr[1];
	return m.word;
}

_Static_assert(L4_SYS_CALL == 1 && L4_SYS_REPLY_RECV == 2 && L4_SYS_SEND == 3 &&
		       L4_SYS_NBSEND == 4 && L4_SYS_RECV == 5 && L4_SYS_NBRECV == 6 &&
		       L4_SYS_YIELD == 7 && L4_SYS_DEBUG_PUTCHAR == 8 &&
		       L4_SYS_DEBUG_GETCHAR == 9 && L4_SYS_DEBUG_CHECK_INVARIANTS == 10,
	       "stub immediates match the ABI");

#endif
