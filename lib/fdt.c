// SPDX-License-Identifier: MIT
#include <tern/fdt.h>
#include <tern/string.h>

enum {
	TOKEN_BEGIN_NODE = 1,
	TOKEN_END_NODE = 2,
	TOKEN_PROP = 3,
	TOKEN_NOP = 4,
	TOKEN_END = 9,
};

enum {
	HDR_MAGIC = 0,
	HDR_TOTALSIZE = 4,
	HDR_OFF_STRUCT = 8,
	HDR_OFF_STRINGS = 12,
	HDR_VERSION = 20,
	HDR_LAST_COMP_VERSION = 24,
	HDR_SIZE_STRINGS = 32,
	HDR_SIZE_STRUCT = 36,
	HDR_LEN = 40,
};

#define MAX_DEPTH 32
#define MAX_CELLS 2 /* addresses wider than 64 bits (PCI) are not translated */

uint32_t fdt_header_size(const void *blob)
{
	return fdt_be32((const uint8_t *)blob + HDR_TOTALSIZE);
}

static uint32_t align4(uint32_t x)
{
	return (x + 3u) & ~3u;
}

/* Decodes the token at off; sets *next to the following token. */
static int read_token(const struct fdt *fdt, int off, uint32_t *token, int *next)
{
	uint32_t end = fdt->struct_off + fdt->struct_size;
	uint32_t pos = (uint32_t)off;

	if (off < 0 || pos < fdt->struct_off || pos + 4 > end || (pos & 3))
		return -FDT_ERR_TRUNCATED;
	*token = fdt_be32(fdt->blob + pos);
	pos += 4;
	switch (*token) {
	case TOKEN_BEGIN_NODE: {
		size_t len = strnlen((const char *)fdt->blob + pos, end - pos);
		if (pos + len >= end)
			return -FDT_ERR_TRUNCATED;
		pos = align4(pos + (uint32_t)len + 1);
		break;
	}
	case TOKEN_PROP: {
		if (pos + 8 > end)
			return -FDT_ERR_TRUNCATED;
		uint32_t len = fdt_be32(fdt->blob + pos);
		uint32_t nameoff = fdt_be32(fdt->blob + pos + 4);
		if (len > end - pos - 8)
			return -FDT_ERR_TRUNCATED;
		if (nameoff >= fdt->strings_size)
			return -FDT_ERR_TRUNCATED;
		pos = align4(pos + 8 + len);
		break;
	}
	case TOKEN_END_NODE:
	case TOKEN_NOP:
	case TOKEN_END:
		break;
	default:
		return -FDT_ERR_BADSTRUCTURE;
	}
	if (pos > end)
		return -FDT_ERR_TRUNCATED;
	*next = (int)pos;
	return 0;
}

/* Walks the whole structure block once: balanced nodes, one root, END last,
 * every property name a terminated string. */
static int validate_structure(const struct fdt *fdt)
{
	int off = (int)fdt->struct_off, next, depth = 0, roots = 0;
	uint32_t token;

	for (;;) {
		int err = read_token(fdt, off, &token, &next);
		if (err)
			return err;
		switch (token) {
		case TOKEN_BEGIN_NODE:
			if (depth == 0 && ++roots > 1)
				return -FDT_ERR_BADSTRUCTURE;
			if (++depth > MAX_DEPTH)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case TOKEN_END_NODE:
			if (--depth < 0)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		case TOKEN_PROP: {
			uint32_t nameoff = fdt_be32(fdt->blob + off + 8);
			const char *name = (const char *)fdt->blob + fdt->strings_off + nameoff;
			if (strnlen(name, fdt->strings_size - nameoff) == fdt->strings_size - nameoff)
				return -FDT_ERR_TRUNCATED;
			if (depth == 0)
				return -FDT_ERR_BADSTRUCTURE;
			break;
		}
		case TOKEN_END:
			return (depth == 0 && roots == 1) ? 0 : -FDT_ERR_BADSTRUCTURE;
		}
		off = next;
	}
}

int fdt_open(struct fdt *fdt, const void *blob, size_t max_size)
{
	const uint8_t *b = blob;

	memset(fdt, 0, sizeof(*fdt));
	if (!blob || max_size < HDR_LEN)
		return -FDT_ERR_TRUNCATED;
	if (fdt_be32(b + HDR_MAGIC) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (fdt_be32(b + HDR_VERSION) < 16 || fdt_be32(b + HDR_LAST_COMP_VERSION) > 17)
		return -FDT_ERR_BADVERSION;

	uint32_t total = fdt_be32(b + HDR_TOTALSIZE);
	if (total < HDR_LEN || total > max_size)
		return -FDT_ERR_TRUNCATED;
	fdt->blob = b;
	fdt->size = total;
	fdt->struct_off = fdt_be32(b + HDR_OFF_STRUCT);
	fdt->struct_size = fdt_be32(b + HDR_SIZE_STRUCT);
	fdt->strings_off = fdt_be32(b + HDR_OFF_STRINGS);
	fdt->strings_size = fdt_be32(b + HDR_SIZE_STRINGS);
	if (fdt->struct_off < HDR_LEN || fdt->struct_off > total ||
	    fdt->struct_size > total - fdt->struct_off || (fdt->struct_off & 3))
		return -FDT_ERR_TRUNCATED;
	if (fdt->strings_off > total || fdt->strings_size > total - fdt->strings_off)
		return -FDT_ERR_TRUNCATED;

	int err = validate_structure(fdt);
	if (err)
		memset(fdt, 0, sizeof(*fdt));
	return err;
}

const char *fdt_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case FDT_OK: return "no error";
	case FDT_ERR_NOTFOUND: return "not found";
	case FDT_ERR_BADMAGIC: return "bad magic (not a device tree blob)";
	case FDT_ERR_BADVERSION: return "unsupported device tree version";
	case FDT_ERR_TRUNCATED: return "truncated or out-of-bounds block";
	case FDT_ERR_BADSTRUCTURE: return "malformed structure block";
	case FDT_ERR_BADVALUE: return "property has a bad value";
	default: return "unknown error";
	}
}

int fdt_next_node(const struct fdt *fdt, int node, int *depth)
{
	int off, next, d = 0;
	uint32_t token;

	if (!fdt->blob)
		return -FDT_ERR_BADMAGIC;
	if (node < 0) {
		off = (int)fdt->struct_off;
		d = 1; /* the root is one level below "before the start" */
	} else {
		if (read_token(fdt, node, &token, &next) || token != TOKEN_BEGIN_NODE)
			return -FDT_ERR_BADVALUE;
		d = 1;
		off = next;
	}
	for (;;) {
		int err = read_token(fdt, off, &token, &next);
		if (err)
			return err;
		if (token == TOKEN_BEGIN_NODE) {
			if (depth)
				*depth += d;
			return off;
		}
		if (node < 0 && token != TOKEN_NOP)
			return -FDT_ERR_BADSTRUCTURE;
		if (token == TOKEN_END_NODE)
			d--;
		else if (token == TOKEN_END)
			return -FDT_ERR_NOTFOUND;
		off = next;
	}
}

int fdt_first_child(const struct fdt *fdt, int node)
{
	int depth = 0;
	int off = fdt_next_node(fdt, node, &depth);
	return (off >= 0 && depth == 1) ? off : -FDT_ERR_NOTFOUND;
}

int fdt_next_sibling(const struct fdt *fdt, int node)
{
	int depth = 0, off = node;
	for (;;) {
		off = fdt_next_node(fdt, off, &depth);
		if (off < 0 || depth < 0)
			return -FDT_ERR_NOTFOUND;
		if (depth == 0)
			return off;
	}
}

int fdt_parent(const struct fdt *fdt, int node)
{
	int stack[MAX_DEPTH + 1];
	int depth = 0, off = -1;

	for (;;) {
		off = fdt_next_node(fdt, off, &depth);
		if (off < 0)
			return off;
		if (depth < 1 || depth > MAX_DEPTH)
			return -FDT_ERR_BADSTRUCTURE;
		stack[depth] = off;
		if (off == node)
			return depth > 1 ? stack[depth - 1] : -FDT_ERR_NOTFOUND;
	}
}

const char *fdt_node_name(const struct fdt *fdt, int node)
{
	uint32_t token;
	int next;
	if (read_token(fdt, node, &token, &next) || token != TOKEN_BEGIN_NODE)
		return NULL;
	return (const char *)fdt->blob + node + 4;
}

const void *fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len)
{
	uint32_t token;
	int off, next;

	if (read_token(fdt, node, &token, &next) || token != TOKEN_BEGIN_NODE)
		return NULL;
	for (off = next;; off = next) {
		if (read_token(fdt, off, &token, &next))
			return NULL;
		if (token == TOKEN_NOP)
			continue;
		if (token != TOKEN_PROP)
			return NULL; /* properties come before subnodes */
		uint32_t plen = fdt_be32(fdt->blob + off + 4);
		uint32_t nameoff = fdt_be32(fdt->blob + off + 8);
		if (strcmp((const char *)fdt->blob + fdt->strings_off + nameoff, name) == 0) {
			if (len)
				*len = plen;
			return fdt->blob + off + 12;
		}
	}
}

int fdt_prop_u32(const struct fdt *fdt, int node, const char *name, uint32_t *value)
{
	uint32_t len;
	const void *p = fdt_prop(fdt, node, name, &len);
	if (!p)
		return -FDT_ERR_NOTFOUND;
	if (len != 4)
		return -FDT_ERR_BADVALUE;
	*value = fdt_be32(p);
	return 0;
}

const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name)
{
	uint32_t len;
	const char *p = fdt_prop(fdt, node, name, &len);
	if (!p || len == 0 || strnlen(p, len) == len)
		return NULL;
	return p;
}

bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat)
{
	uint32_t len;
	const char *p = fdt_prop(fdt, node, "compatible", &len);
	size_t want = strlen(compat);

	while (p && len > 0) {
		size_t n = strnlen(p, len);
		if (n == want && memcmp(p, compat, n) == 0 && n < len)
			return true;
		if (n + 1 >= len)
			break;
		p += n + 1;
		len -= (uint32_t)(n + 1);
	}
	return false;
}

int fdt_find_compatible(const struct fdt *fdt, int after, const char *compat)
{
	int off = after;
	for (;;) {
		off = fdt_next_node(fdt, off, NULL);
		if (off < 0)
			return off;
		if (fdt_is_compatible(fdt, off, compat))
			return off;
	}
}

int fdt_find_phandle(const struct fdt *fdt, uint32_t phandle)
{
	int off = -1;
	uint32_t v;
	if (phandle == 0 || phandle == ~0u)
		return -FDT_ERR_BADVALUE;
	for (;;) {
		off = fdt_next_node(fdt, off, NULL);
		if (off < 0)
			return off;
		if ((fdt_prop_u32(fdt, off, "phandle", &v) == 0 ||
		     fdt_prop_u32(fdt, off, "linux,phandle", &v) == 0) && v == phandle)
			return off;
	}
}

/* Does node name (with an optional "@unit") match the path component? A
 * component that gives no unit address matches any unit address. */
static bool name_matches(const char *name, const char *comp, size_t len)
{
	bool comp_has_unit = false;
	for (size_t i = 0; i < len; i++)
		comp_has_unit |= comp[i] == '@';
	if (strncmp(name, comp, len) != 0)
		return false;
	return name[len] == '\0' || (name[len] == '@' && !comp_has_unit);
}

/* Follows the '/'-separated components of path down from node cur. */
static int walk_path(const struct fdt *fdt, int cur, const char *path)
{
	while (cur >= 0 && *path == '/') {
		const char *comp = ++path;
		size_t clen = 0;
		while (comp[clen] && comp[clen] != '/')
			clen++;
		path += clen;
		if (clen == 0)
			continue;
		int child = fdt_first_child(fdt, cur);
		while (child >= 0 && !name_matches(fdt_node_name(fdt, child), comp, clen))
			child = fdt_next_sibling(fdt, child);
		cur = child < 0 ? -FDT_ERR_NOTFOUND : child;
	}
	return cur;
}

int fdt_path(const struct fdt *fdt, const char *path)
{
	if (!fdt->blob)
		return -FDT_ERR_BADMAGIC;
	if (path[0] == '/')
		return walk_path(fdt, fdt_next_node(fdt, -1, NULL), path);

	/* An alias, optionally followed by a path below its target. */
	char alias[64];
	size_t len = 0;
	while (path[len] && path[len] != '/')
		len++;
	int aliases = walk_path(fdt, fdt_next_node(fdt, -1, NULL), "/aliases");
	if (aliases < 0 || len == 0 || len >= sizeof(alias))
		return -FDT_ERR_NOTFOUND;
	memcpy(alias, path, len);
	alias[len] = '\0';
	const char *target = fdt_prop_string(fdt, aliases, alias);
	if (!target || target[0] != '/')
		return -FDT_ERR_NOTFOUND;
	int node = walk_path(fdt, fdt_next_node(fdt, -1, NULL), target);
	return walk_path(fdt, node, path + len);
}

static uint32_t cells_or_default(const struct fdt *fdt, int node, const char *name, uint32_t dflt)
{
	uint32_t v;
	if (node < 0 || fdt_prop_u32(fdt, node, name, &v) != 0)
		return dflt;
	return v;
}

uint32_t fdt_address_cells(const struct fdt *fdt, int node)
{
	return cells_or_default(fdt, node, "#address-cells", 2);
}

uint32_t fdt_size_cells(const struct fdt *fdt, int node)
{
	return cells_or_default(fdt, node, "#size-cells", 1);
}

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < cells; i++)
		v = (v << 32) | fdt_be32(p + 4 * i);
	return v;
}

/* Translates addr from bus's child address space into its parent's. */
static int translate_through(const struct fdt *fdt, int bus, uint64_t *addr)
{
	uint32_t len;
	const uint8_t *ranges = fdt_prop(fdt, bus, "ranges", &len);
	if (!ranges)
		return -FDT_ERR_NOTFOUND; /* no ranges: not memory-mapped */
	if (len == 0)
		return 0; /* identity */

	int parent = fdt_parent(fdt, bus);
	uint32_t child_ac = fdt_address_cells(fdt, bus);
	uint32_t child_sc = fdt_size_cells(fdt, bus);
	uint32_t parent_ac = fdt_address_cells(fdt, parent);
	if (child_ac > MAX_CELLS || child_sc > MAX_CELLS || parent_ac > MAX_CELLS ||
	    child_ac == 0 || parent_ac == 0)
		return -FDT_ERR_BADVALUE;
	uint32_t entry = 4 * (child_ac + parent_ac + child_sc);
	if (len % entry)
		return -FDT_ERR_BADVALUE;
	for (uint32_t off = 0; off < len; off += entry) {
		uint64_t child = read_cells(ranges + off, child_ac);
		uint64_t par = read_cells(ranges + off + 4 * child_ac, parent_ac);
		uint64_t size = read_cells(ranges + off + 4 * (child_ac + parent_ac), child_sc);
		if (*addr >= child && *addr - child < size) {
			*addr = par + (*addr - child);
			return 0;
		}
	}
	return -FDT_ERR_NOTFOUND;
}

int fdt_reg(const struct fdt *fdt, int node, unsigned index, uint64_t *base, uint64_t *size)
{
	int parent = fdt_parent(fdt, node);
	if (parent < 0)
		return parent;
	uint32_t ac = fdt_address_cells(fdt, parent);
	uint32_t sc = fdt_size_cells(fdt, parent);
	if (ac == 0 || ac > MAX_CELLS || sc > MAX_CELLS)
		return -FDT_ERR_BADVALUE;

	uint32_t len;
	const uint8_t *reg = fdt_prop(fdt, node, "reg", &len);
	if (!reg)
		return -FDT_ERR_NOTFOUND;
	uint32_t entry = 4 * (ac + sc);
	if (len % entry)
		return -FDT_ERR_BADVALUE;
	if (index >= len / entry)
		return -FDT_ERR_NOTFOUND;

	uint64_t addr = read_cells(reg + index * entry, ac);
	uint64_t sz = read_cells(reg + index * entry + 4 * ac, sc);
	/* Walk up through every bus between the node and the root. */
	for (int bus = parent; bus >= 0;) {
		int up = fdt_parent(fdt, bus);
		if (up < 0)
			break; /* bus is the root: addresses are CPU addresses */
		int err = translate_through(fdt, bus, &addr);
		if (err)
			return err;
		bus = up;
	}
	*base = addr;
	if (size)
		*size = sz;
	return 0;
}
