// SPDX-License-Identifier: MIT
#include <tern/string.h>

/* GCC would turn these loops back into calls of themselves. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

/* Word-sized, unrolled copies: retyping zeroes whole frames (a guest's RAM
 * is 2 MiB frames), so a byte loop here costs ~4 instructions per byte. */
typedef uint32_t __attribute__((may_alias)) word_t;
#define WORD sizeof(word_t)
#define BLOCK (8 * WORD)

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	for (; n && ((uintptr_t)d & (WORD - 1)); n--)
		*d++ = (unsigned char)c;
	word_t w = (unsigned char)c * 0x01010101u;
	for (; n >= BLOCK; n -= BLOCK, d += BLOCK) {
		word_t *p = (word_t *)d;
		p[0] = w, p[1] = w, p[2] = w, p[3] = w, p[4] = w, p[5] = w, p[6] = w, p[7] = w;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *)d = w;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

/* Forward copy; word-wise when source and destination share alignment. */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	if ((((uintptr_t)d ^ (uintptr_t)s) & (WORD - 1)) == 0) {
		for (; n && ((uintptr_t)d & (WORD - 1)); n--)
			*d++ = *s++;
		for (; n >= BLOCK; n -= BLOCK, d += BLOCK, s += BLOCK) {
			word_t *p = (word_t *)d;
			const word_t *q = (const word_t *)s;
			word_t a = q[0], b = q[1], c = q[2], e = q[3], f = q[4], g = q[5], h = q[6], i = q[7];
			p[0] = a, p[1] = b, p[2] = c, p[3] = e, p[4] = f, p[5] = g, p[6] = h, p[7] = i;
		}
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d <= s || d >= s + n) {
		copy_forward(d, s, n); /* no overlap a forward copy would clobber */
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}
