// SPDX-License-Identifier: MIT
/* The flattened tree is header, memory reservation block, structure block,
 * strings block, in that order (as dtc writes it); an edit moves what
 * follows the changed bytes and updates the header's offsets and sizes. */
#include <tern/string.h>
#include "fdt_edit.h"

#define HDR_TOTALSIZE 4
#define HDR_OFF_STRUCT 8
#define HDR_OFF_STRINGS 12
#define HDR_OFF_RSVMAP 16
#define HDR_VERSION 20
#define HDR_SIZE_STRINGS 32
#define HDR_SIZE_STRUCT 36
#define HDR_LEN 40
#define TOKEN_BEGIN_NODE 1u
#define TOKEN_END_NODE 2u
#define TOKEN_PROP 3u
#define TOKEN_NOP 4u

static uint32_t get(const void *b, unsigned off)
{
	return fdt_be32((const uint8_t *)b + off);
}

static void put(void *b, unsigned off, uint32_t v)
{
	uint8_t *p = (uint8_t *)b + off;
	p[0] = (uint8_t)(v >> 24), p[1] = (uint8_t)(v >> 16), p[2] = (uint8_t)(v >> 8), p[3] = (uint8_t)v;
}

static uint32_t pad4(uint32_t n)
{
	return (n + 3) & ~3u;
}

const char *fdt_edit_check(const void *blob, size_t size)
{
	struct fdt f;
	if (size < HDR_LEN)
		return "the device tree is shorter than its header";
	if (get(blob, 0) != FDT_MAGIC)
		return "the device tree has a bad magic number (not a DTB)";
	if (get(blob, HDR_TOTALSIZE) > size)
		return "the device tree's totalsize is larger than the file";
	int err = fdt_open(&f, blob, size);
	if (err)
		return fdt_strerror(err);
	if (get(blob, HDR_VERSION) < 17)
		return "the device tree's version is older than 17";
	uint32_t rsv = get(blob, HDR_OFF_RSVMAP), total = get(blob, HDR_TOTALSIZE);
	if (rsv < HDR_LEN || rsv > f.struct_off || f.struct_off + f.struct_size > f.strings_off ||
	    f.strings_off + f.strings_size > total)
		return "the device tree's blocks are not in the usual order";
	return NULL;
}

int fdt_edit_open(void *buf, size_t cap, const void *blob, size_t size)
{
	if (fdt_edit_check(blob, size))
		return -FDT_ERR_BADSTRUCTURE;
	uint32_t used = get(blob, HDR_OFF_STRINGS) + get(blob, HDR_SIZE_STRINGS);
	if (used > cap)
		return -FDT_EDIT_ERR_NOSPACE;
	memcpy(buf, blob, used);
	memset((uint8_t *)buf + used, 0, cap - used);
	put(buf, HDR_TOTALSIZE, (uint32_t)cap);
	return 0;
}

/* Offset of `name` in the strings block, appending it if absent, or -1. */
static int string_offset(void *buf, const char *name, uint32_t *grow)
{
	const char *strings = (const char *)buf + get(buf, HDR_OFF_STRINGS);
	uint32_t size = get(buf, HDR_SIZE_STRINGS), n = (uint32_t)strlen(name) + 1;
	for (uint32_t off = 0; off < size;) {
		uint32_t len = (uint32_t)strnlen(strings + off, size - off) + 1;
		if (len == n && !memcmp(strings + off, name, n))
			return (int)off;
		off += len;
	}
	*grow = n;
	return (int)size;
}

int fdt_edit_setprop(void *buf, const char *path, const char *name, const void *value, uint32_t len)
{
	struct fdt f;
	uint32_t total = get(buf, HDR_TOTALSIZE);
	if (fdt_open(&f, buf, total))
		return -FDT_ERR_BADSTRUCTURE;
	int node = fdt_path(&f, path);
	if (node < 0)
		return node;
	uint8_t *b = buf;
	uint32_t end = f.strings_off + f.strings_size;
	/* the first token after the node's name */
	uint32_t off = (uint32_t)node + 4;
	off += pad4((uint32_t)strnlen((const char *)b + off, f.struct_off + f.struct_size - off) + 1);
	uint32_t insert_at = off, old_size = 0, name_grow = 0;
	int nameoff = -1;
	for (;;) {
		uint32_t token = get(b, off);
		if (token == TOKEN_NOP) {
			off += 4;
			continue;
		}
		if (token != TOKEN_PROP)
			break;
		uint32_t plen = get(b, off + 4), pname = get(b, off + 8);
		if (!strcmp((const char *)b + f.strings_off + pname, name)) {
			insert_at = off;
			old_size = 12 + pad4(plen);
			nameoff = (int)pname;
			break;
		}
		off += 12 + pad4(plen);
	}
	if (nameoff < 0)
		nameoff = string_offset(buf, name, &name_grow);
	uint32_t new_size = 12 + pad4(len);
	if (end + new_size - old_size + name_grow > total)
		return -FDT_EDIT_ERR_NOSPACE;

	/* move everything after the old property, then write the new one */
	uint32_t tail = insert_at + old_size;
	memmove(b + insert_at + new_size, b + tail, end - tail);
	put(b, insert_at, TOKEN_PROP);
	put(b, insert_at + 4, len);
	put(b, insert_at + 8, (uint32_t)nameoff);
	memset(b + insert_at + 12, 0, pad4(len));
	memcpy(b + insert_at + 12, value, len);
	uint32_t strings_off = f.strings_off + new_size - old_size;
	put(b, HDR_SIZE_STRUCT, f.struct_size + new_size - old_size);
	put(b, HDR_OFF_STRINGS, strings_off);
	if (name_grow) {
		memcpy(b + strings_off + f.strings_size, name, name_grow);
		put(b, HDR_SIZE_STRINGS, f.strings_size + name_grow);
	}
	uint32_t new_end = strings_off + get(b, HDR_SIZE_STRINGS);
	if (new_end < end)
		memset(b + new_end, 0, end - new_end);
	return 0;
}

/* The offset of the END_NODE token that closes the node at `node`, or 0
 * (fdt_open has checked the structure; this walk checks its bounds again). */
static uint32_t node_end(const struct fdt *f, int node)
{
	const uint8_t *b = f->blob;
	uint32_t limit = f->struct_off + f->struct_size, off = (uint32_t)node + 4;
	off += pad4((uint32_t)strnlen((const char *)b + off, limit - off) + 1);
	for (unsigned depth = 0; off + 4 <= limit;) {
		uint32_t token = get(b, off);
		if (token == TOKEN_END_NODE) {
			if (depth == 0)
				return off;
			depth--;
			off += 4;
		} else if (token == TOKEN_BEGIN_NODE) {
			depth++;
			off += 4;
			off += pad4((uint32_t)strnlen((const char *)b + off, limit - off) + 1);
		} else if (token == TOKEN_PROP && off + 12 <= limit) {
			off += 12 + pad4(get(b, off + 4));
		} else if (token == TOKEN_NOP) {
			off += 4;
		} else {
			return 0;
		}
	}
	return 0;
}

int fdt_edit_add_node(void *buf, const char *parent, const char *name)
{
	struct fdt f;
	uint32_t total = get(buf, HDR_TOTALSIZE), name_len = (uint32_t)strlen(name);
	if (!name_len || strchr(name, '/'))
		return -FDT_ERR_BADVALUE;
	if (fdt_open(&f, buf, total))
		return -FDT_ERR_BADSTRUCTURE;
	int node = fdt_path(&f, parent);
	if (node < 0)
		return node;
	for (int child = fdt_first_child(&f, node); child >= 0; child = fdt_next_sibling(&f, child))
		if (!strcmp(fdt_node_name(&f, child), name))
			return -FDT_EDIT_ERR_EXISTS;
	uint32_t at = node_end(&f, node);
	if (!at)
		return -FDT_ERR_BADSTRUCTURE;
	uint32_t end = f.strings_off + f.strings_size, size = 4 + pad4(name_len + 1) + 4;
	if (end + size > total)
		return -FDT_EDIT_ERR_NOSPACE;

	uint8_t *b = buf;
	memmove(b + at + size, b + at, end - at);
	put(b, at, TOKEN_BEGIN_NODE);
	memset(b + at + 4, 0, pad4(name_len + 1));
	memcpy(b + at + 4, name, name_len);
	put(b, at + size - 4, TOKEN_END_NODE);
	put(b, HDR_SIZE_STRUCT, f.struct_size + size);
	put(b, HDR_OFF_STRINGS, f.strings_off + size);
	return 0;
}

int fdt_edit_setprop_u32(void *buf, const char *path, const char *name, uint32_t value)
{
	return fdt_edit_setprop_cells(buf, path, name, &value, 1);
}

int fdt_edit_setprop_string(void *buf, const char *path, const char *name, const char *s)
{
	return fdt_edit_setprop(buf, path, name, s, (uint32_t)strlen(s) + 1);
}

int fdt_edit_setprop_cells(void *buf, const char *path, const char *name, const uint32_t *cells,
			   unsigned n)
{
	uint8_t be[16 * 4];
	if (n > 16)
		return -FDT_ERR_BADVALUE;
	for (unsigned i = 0; i < n; i++)
		put(be, 4 * i, cells[i]);
	return fdt_edit_setprop(buf, path, name, be, 4 * n);
}

const char *fdt_edit_strerror(int err)
{
	switch (-err) {
	case FDT_EDIT_ERR_NOSPACE:
		return "no room left in the device tree buffer";
	case FDT_EDIT_ERR_LAYOUT:
		return "the device tree's blocks are not in the usual order";
	case FDT_EDIT_ERR_EXISTS:
		return "the device tree already has a node of that name";
	case FDT_ERR_NOTFOUND:
		return "the device tree has no such node (/chosen or /memory missing?)";
	default:
		return fdt_strerror(-err);
	}
}

int fdt_edit_setprop_reg(void *dtb, const char *path, uint32_t base, uint32_t size)
{
	struct fdt f;
	if (fdt_open(&f, dtb, fdt_header_size(dtb)))
		return -FDT_ERR_BADSTRUCTURE;
	int root = fdt_path(&f, "/");
	if (root < 0)
		return root;
	uint32_t ac = fdt_address_cells(&f, root), sc = fdt_size_cells(&f, root), cells[4], n = 0;
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return -FDT_ERR_BADVALUE;
	if (ac == 2)
		cells[n++] = 0;
	cells[n++] = base;
	if (sc == 2)
		cells[n++] = 0;
	cells[n++] = size;
	return fdt_edit_setprop_cells(dtb, path, "reg", cells, n);
}
