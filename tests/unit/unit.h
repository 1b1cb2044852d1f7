/* SPDX-License-Identifier: MIT */
/* Shared helpers for the host unit tests (cmocka). */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Reads a DTB compiled by the build into $TERN_TEST_DTB_DIR; *size gets its
 * length. The caller frees the buffer. */
static inline void *load_dtb(const char *name, size_t *size)
{
	const char *dir = getenv("TERN_TEST_DTB_DIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/%s.dtb", dir ? dir : ".", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (TERN_TEST_DTB_DIR not set or DTB not built)", path);
	void *buf = malloc(1 << 20);
	*size = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

#endif
