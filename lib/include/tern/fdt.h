/* SPDX-License-Identifier: MIT */
/* A reader for flattened device trees (DTB, devicetree specification v0.4).
 *
 * A DTB comes from outside (a boot loader, an image): fdt_open() validates
 * the header and the whole structure block once, and every accessor still
 * checks its bounds, so a malformed blob yields an error code, never an
 * out-of-bounds read. Nodes are named by their offset in the blob. */
#ifndef TERN_FDT_H
#define TERN_FDT_H

#include <tern/types.h>

#define FDT_MAGIC 0xd00dfeedu

enum fdt_error {
	FDT_OK = 0,
	FDT_ERR_NOTFOUND = 1,    /* no such node or property */
	FDT_ERR_BADMAGIC = 2,    /* not a device tree */
	FDT_ERR_BADVERSION = 3,  /* version older than 16 */
	FDT_ERR_TRUNCATED = 4,   /* a block or string runs past the end */
	FDT_ERR_BADSTRUCTURE = 5, /* bad token, unbalanced nodes */
	FDT_ERR_BADVALUE = 6,    /* a property has the wrong size or value */
};

struct fdt {
	const uint8_t *blob;
	uint32_t size;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
};

/* Validates blob (at most max_size bytes readable) and fills fdt. */
int fdt_open(struct fdt *fdt, const void *blob, size_t max_size);
const char *fdt_strerror(int err);
/* Reads the total size field of a header without validating the blob. */
uint32_t fdt_header_size(const void *blob);

/* Node iteration in document order. Start with node = -1 (gives the root).
 * depth (optional) is updated relative to its value. Returns the next node's
 * offset, or a negative error (-FDT_ERR_NOTFOUND at the end). */
int fdt_next_node(const struct fdt *fdt, int node, int *depth);
int fdt_first_child(const struct fdt *fdt, int node);
int fdt_next_sibling(const struct fdt *fdt, int node);
int fdt_parent(const struct fdt *fdt, int node);
const char *fdt_node_name(const struct fdt *fdt, int node);

/* Looks up a node by absolute path ("/cpus/cpu@0"); a path component
 * without a unit address matches a node name with one. An alias name
 * (no leading slash) is resolved through /aliases. */
int fdt_path(const struct fdt *fdt, const char *path);
int fdt_find_phandle(const struct fdt *fdt, uint32_t phandle);
bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compat);
/* First node after `after` (-1: from the start) compatible with compat. */
int fdt_find_compatible(const struct fdt *fdt, int after, const char *compat);

/* A property's value and length, or NULL. */
const void *fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len);
/* A property holding one u32; -FDT_ERR_NOTFOUND / -FDT_ERR_BADVALUE. */
int fdt_prop_u32(const struct fdt *fdt, int node, const char *name, uint32_t *value);
/* A property holding a NUL-terminated string (first string of a list). */
const char *fdt_prop_string(const struct fdt *fdt, int node, const char *name);

/* #address-cells / #size-cells a node gives its children (spec defaults 2, 1). */
uint32_t fdt_address_cells(const struct fdt *fdt, int node);
uint32_t fdt_size_cells(const struct fdt *fdt, int node);
/* Entry `index` of node's reg, translated to a CPU physical address through
 * the ranges of every bus above it. */
int fdt_reg(const struct fdt *fdt, int node, unsigned index, uint64_t *base, uint64_t *size);

static inline uint32_t fdt_be32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

#endif
