/* SPDX-License-Identifier: MIT */
/* The kernel's debug console: polled, usable with the MMU on or off. */
#ifndef ARCH_CONSOLE_H
#define ARCH_CONSOLE_H

#include <tern/hwdesc.h>

void arch_console_init(const struct hw_desc *hw);
void arch_console_putc(char c);
/* A byte of console input, or -1 when none is waiting. */
int arch_console_getc(void);

#endif
