/* SPDX-License-Identifier: MIT */
/* ARM PrimeCell UART (PL011): polled transmit for the kernel console. */
#ifndef PLATFORM_PL011_H
#define PLATFORM_PL011_H

#include <tern/types.h>

void pl011_init(uintptr_t base);
void pl011_putc(uintptr_t base, char c);

#endif
