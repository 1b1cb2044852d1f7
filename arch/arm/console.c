// SPDX-License-Identifier: MIT
#include <arch/console.h>
#include <platform/pl011.h>

/* The console is reached by physical address: the kernel's HYP mapping is
 * an identity map, so the same address works before and after the MMU. */
static uintptr_t console_base;

void arch_console_init(const struct hw_desc *hw)
{
	console_base = (uintptr_t)hw->console.base;
	pl011_init(console_base);
}

void arch_console_putc(char c)
{
	if (console_base)
		pl011_putc(console_base, c);
}

int arch_console_getc(void)
{
	return console_base ? pl011_getc(console_base) : -1;
}
