/* SPDX-License-Identifier: MIT */
/* ARM PrimeCell UART (PL011): polled transmit for the kernel console, and
 * receive (interrupts enabled for user space's console reader). */
#ifndef PLATFORM_PL011_H
#define PLATFORM_PL011_H

#include <tern/types.h>

void pl011_init(uintptr_t base);
void pl011_putc(uintptr_t base, char c);
/* The next received byte, or -1 when none. */
int pl011_getc(uintptr_t base);

#endif
