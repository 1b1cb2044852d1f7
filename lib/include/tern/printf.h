/* SPDX-License-Identifier: MIT */
/* Formatted output: %c %s %d %i %u %x %X %p %%, with flags '-' and '0', a
 * width, a precision for %s, and the length modifiers l, ll and z. */
#ifndef TERN_PRINTF_H
#define TERN_PRINTF_H

#include <stdarg.h>
#include <tern/types.h>

typedef void (*kformat_out_t)(char c, void *ctx);

/* Formats to out; returns the number of characters produced. */
int kformat(kformat_out_t out, void *ctx, const char *fmt, va_list ap);
/* Like vsnprintf: always terminates when size > 0; returns the full length. */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Kernel console output (kernel/console.c). */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void kputs(const char *s);
void kputc(char c);

#endif
