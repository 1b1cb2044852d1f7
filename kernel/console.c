// SPDX-License-Identifier: MIT
#include <arch/console.h>
#include <tern/printf.h>

static void console_out(char c, void *ctx)
{
	if (c == '\n')
		arch_console_putc('\r');
	arch_console_putc(c);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kformat(console_out, NULL, fmt, ap);
	va_end(ap);
	return n;
}

void kputs(const char *s)
{
	while (*s)
		console_out(*s++, NULL);
}

void kputc(char c)
{
	console_out(c, NULL);
}
