/* SPDX-License-Identifier: MIT */
/* Editing a flattened device tree in place: what a boot loader does to the
 * guest's DTB (/chosen, /memory). The tree lives in a buffer with spare
 * room at its end, which the header's totalsize covers; every edit keeps
 * the tree valid, and a failed edit changes nothing. */
#ifndef VMM_FDT_EDIT_H
#define VMM_FDT_EDIT_H

#include <tern/fdt.h>

#define FDT_EDIT_ERR_NOSPACE 100   /* the buffer's spare room is used up */
#define FDT_EDIT_ERR_LAYOUT 101    /* blocks not in the order this editor needs */
#define FDT_EDIT_ERR_EXISTS 102    /* a node of that name is already there */

/* NULL if blob (size bytes) is a DTB this editor can work on, else what is
 * wrong with it. */
const char *fdt_edit_check(const void *blob, size_t size);
/* Copies a checked DTB into buf (cap bytes); the rest of buf becomes spare
 * room (totalsize = cap). Returns 0 or a negative error. */
int fdt_edit_open(void *buf, size_t cap, const void *blob, size_t size);
/* Creates or replaces property `name` of the node at absolute path `path`.
 * Returns 0, -FDT_ERR_NOTFOUND (no such node) or -FDT_EDIT_ERR_NOSPACE. */
int fdt_edit_setprop(void *buf, const char *path, const char *name, const void *value, uint32_t len);
int fdt_edit_setprop_u32(void *buf, const char *path, const char *name, uint32_t value);
int fdt_edit_setprop_string(void *buf, const char *path, const char *name, const char *s);
int fdt_edit_setprop_cells(void *buf, const char *path, const char *name, const uint32_t *cells,
			   unsigned n);
/* Sets `reg` of the node at path to one (base, size) in the root's
 * #address-cells and #size-cells, each 1 or 2 (the guest's DTB is outside
 * input: -FDT_ERR_BADVALUE for others). */
int fdt_edit_setprop_reg(void *buf, const char *path, uint32_t base, uint32_t size);
/* Adds an empty node `name` ("framebuffer@40000000") as the last child of
 * the node at absolute path `parent`; fill it with fdt_edit_setprop.
 * Returns 0, -FDT_ERR_NOTFOUND, -FDT_EDIT_ERR_EXISTS, -FDT_ERR_BADVALUE
 * (an empty name or one with a '/') or -FDT_EDIT_ERR_NOSPACE. */
int fdt_edit_add_node(void *buf, const char *parent, const char *name);
const char *fdt_edit_strerror(int err);

#endif
