/* SPDX-License-Identifier: MIT */
/* The ARMv7 system registers this port uses, one name each, accessed
 * through cp15_read/cp15_write (32-bit) and cp15_read64/cp15_write64. */
#ifndef RTOS_ARCH_CP15_H
#define RTOS_ARCH_CP15_H

#include <tern/types.h>

#define CP15_SCTLR "p15, 0, %0, c1, c0, 0"
#define CP15_VBAR "p15, 0, %0, c12, c0, 0"
#define CP15_CNTFRQ "p15, 0, %0, c14, c0, 0"
#define CP15_CNTV_CTL "p15, 0, %0, c14, c3, 1"
#define CP15_CNTVCT "p15, 1, %Q0, %R0, c14"
#define CP15_CNTV_CVAL "p15, 3, %Q0, %R0, c14"

#define cp15_read(reg)                                              \
	({                                                          \
		uint32_t v_;                                        \
		__asm__ volatile("mrc " reg : "=r"(v_)::"memory"); \
		v_;                                                 \
	})
#define cp15_write(reg, value)                                                         \
	do {                                                                           \
		__asm__ volatile("mcr " reg "\n\tisb" ::"r"((uint32_t)(value)) : "memory"); \
	} while (0)
#define cp15_read64(reg)                                             \
	({                                                           \
		uint64_t v_;                                         \
		__asm__ volatile("mrrc " reg : "=r"(v_)::"memory"); \
		v_;                                                  \
	})
#define cp15_write64(reg, value)                                                        \
	do {                                                                            \
		__asm__ volatile("mcrr " reg "\n\tisb" ::"r"((uint64_t)(value)) : "memory"); \
	} while (0)

#endif
