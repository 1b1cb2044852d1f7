/* SPDX-License-Identifier: MIT */
/* Reader for the boot archive: CPIO "newc" (070701), as `cpio -H newc`
 * writes it. The archive is input from outside the kernel: every header
 * field and length is checked against the archive's bounds. */
#ifndef TERN_CPIO_H
#define TERN_CPIO_H

#include <tern/types.h>

enum cpio_error {
	CPIO_OK = 0,
	CPIO_END = 1,          /* the trailer was reached */
	CPIO_BAD_MAGIC = 2,    /* an entry does not start with 070701 */
	CPIO_BAD_FIELD = 3,    /* a header field is not 8 hex digits */
	CPIO_TRUNCATED = 4,    /* a name or file runs past the archive's end */
	CPIO_NOT_FOUND = 5,
};

struct cpio_entry {
	const char *name;   /* NUL-terminated, inside the archive */
	const void *data;
	size_t size;
	uint32_t mode;
	size_t next;        /* offset of the following header */
};

/* Reads the entry at offset. Returns CPIO_OK, CPIO_END or an error. */
int cpio_read_entry(const void *archive, size_t size, size_t offset, struct cpio_entry *e);
/* Finds a file by name. */
int cpio_find(const void *archive, size_t size, const char *name, struct cpio_entry *e);
const char *cpio_strerror(int err);

#endif
