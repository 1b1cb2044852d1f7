// SPDX-License-Identifier: MIT
#include "arch_private.h"
#include <arch/console.h>
#include <platform/pl011.h>

/* The console's physical address: where the kernel reaches it changes when
 * the SVC kernel leaves its boot table (the HYP kernel's map is one to
 * one), so each access asks. */
static paddr_t console_base;

void arch_console_init(const struct hw_desc *hw)
{
	console_base = hw->console.base;
	pl011_init(kernel_device_address(console_base));
}

void arch_console_putc(char c)
{
	if (console_base)
		pl011_putc(kernel_device_address(console_base), c);
}

int arch_console_getc(void)
{
	return console_base ? pl011_getc(kernel_device_address(console_base)) : -1;
}
