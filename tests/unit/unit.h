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

/* Reads a file the build made for the tests, below $TERN_TEST_DATA_DIR
 * (DTBs in dtb/, the sample archive test.cpio); *size gets its length.
 * The caller frees the buffer. */
static inline void *load_test_file(const char *relpath, size_t *size)
{
	const char *dir = getenv("TERN_TEST_DATA_DIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ".", relpath);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (TERN_TEST_DATA_DIR not set or file not built)", path);
	void *buf = malloc(1 << 20);
	*size = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static inline void *load_dtb(const char *name, size_t *size)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "dtb/%s.dtb", name);
	return load_test_file(rel, size);
}

#endif
