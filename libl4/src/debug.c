// SPDX-License-Identifier: MIT
#include <l4/l4.h>
#include <tern/printf.h>

static void debug_out(char c, void *ctx)
{
	l4_debug_putchar(c);
}

int l4_printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kformat(debug_out, NULL, fmt, ap);
	va_end(ap);
	return n;
}

void l4_puts(const char *s)
{
	while (*s)
		l4_debug_putchar(*s++);
	l4_debug_putchar('\n');
}
