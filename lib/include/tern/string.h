/* SPDX-License-Identifier: MIT */
/* The few C library string functions the kernel uses (lib/string.c;
 * the host C library in unit tests). */
#ifndef TERN_STRING_H
#define TERN_STRING_H

#include <tern/types.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

#endif
