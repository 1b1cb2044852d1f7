// SPDX-License-Identifier: MIT
#include <tern/cpio.h>
#include <tern/string.h>

#define HEADER_SIZE 110
#define FIELD_MODE 1
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define TRAILER "TRAILER!!!"

static bool parse_hex8(const char *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		char c = p[i];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int cpio_read_entry(const void *archive, size_t size, size_t offset, struct cpio_entry *e)
{
	const char *base = archive;
	uint32_t field[13];

	if (offset > size || size - offset < HEADER_SIZE)
		return -CPIO_TRUNCATED;
	const char *h = base + offset;
	if (memcmp(h, "070701", 6) != 0)
		return -CPIO_BAD_MAGIC;
	for (int i = 0; i < 13; i++)
		if (!parse_hex8(h + 6 + 8 * i, &field[i]))
			return -CPIO_BAD_FIELD;

	size_t namesize = field[FIELD_NAMESIZE], filesize = field[FIELD_FILESIZE];
	size_t name_off = offset + HEADER_SIZE;
	if (namesize == 0 || namesize > size - name_off)
		return -CPIO_TRUNCATED;
	if (base[name_off + namesize - 1] != '\0')
		return -CPIO_BAD_FIELD;
	size_t data_off = align4(name_off + namesize);
	if (data_off > size || filesize > size - data_off)
		return -CPIO_TRUNCATED;

	e->name = base + name_off;
	e->data = base + data_off;
	e->size = filesize;
	e->mode = field[FIELD_MODE];
	e->next = align4(data_off + filesize);
	return strcmp(e->name, TRAILER) == 0 ? CPIO_END : CPIO_OK;
}

int cpio_find(const void *archive, size_t size, const char *name, struct cpio_entry *e)
{
	size_t offset = 0;
	for (;;) {
		int r = cpio_read_entry(archive, size, offset, e);
		if (r == CPIO_END)
			return -CPIO_NOT_FOUND;
		if (r < 0)
			return r;
		if (strcmp(e->name, name) == 0)
			return CPIO_OK;
		offset = e->next;
	}
}

const char *cpio_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case CPIO_OK: return "no error";
	case CPIO_END: return "end of archive";
	case CPIO_BAD_MAGIC: return "not a newc cpio header (magic 070701)";
	case CPIO_BAD_FIELD: return "malformed cpio header field";
	case CPIO_TRUNCATED: return "cpio entry runs past the end of the archive";
	case CPIO_NOT_FOUND: return "no such file in the archive";
	default: return "unknown error";
	}
}
