// SPDX-License-Identifier: MIT
/* Reads the system description. The build checks it too
 * (scripts/check_system.py); this check is the one that counts, since the
 * archive may come from elsewhere (a U-Boot image built by hand). */
#include <l4/l4.h>
#include <l4/vmm_start.h>
#include <tern/fdt.h>
#include <tern/printf.h>
#include <tern/string.h>
#include "system.h"

static char problem[160];

static const char *wrong(const char *node, const char *what)
{
	ksnprintf(problem, sizeof(problem), "/guests/%s: %s", node, what);
	return problem;
}

static const char *string_of(const struct fdt *f, int node, const char *name, const char *prop,
			     bool required, const char **out)
{
	uint32_t len;
	const char *v = fdt_prop(f, node, prop, &len);
	*out = NULL;
	if (!v) {
		if (!required)
			return NULL;
		ksnprintf(problem, sizeof(problem), "/guests/%s: no '%s' property", name, prop);
		return problem;
	}
	if (len < 2 || len > 128 || v[len - 1] != '\0' || strlen(v) != len - 1) {
		ksnprintf(problem, sizeof(problem), "/guests/%s: '%s' is not one string of at most "
			  "127 characters", name, prop);
		return problem;
	}
	*out = v;
	return NULL;
}

static const char *number_of(const struct fdt *f, int node, const char *name, const char *prop,
			     unsigned low, unsigned high, unsigned *out)
{
	uint32_t v;
	if (fdt_prop_u32(f, node, prop, &v) || v < low || v > high) {
		ksnprintf(problem, sizeof(problem), "/guests/%s: '%s' missing or not a number from "
			  "%u to %u", name, prop, low, high);
		return problem;
	}
	*out = v;
	return NULL;
}

static const char *read_guest(const struct fdt *f, int node, struct guest_desc *g)
{
	const char *name = fdt_node_name(f, node), *bad;
	memset(g, 0, sizeof(*g));
	g->name = name;
	if (strlen(name) >= 16)
		return wrong(name, "the name is longer than 15 characters");
	if ((bad = string_of(f, node, name, "vmm", true, &g->vmm)) ||
	    (bad = string_of(f, node, name, "kernel", true, &g->kernel)) ||
	    (bad = string_of(f, node, name, "dtb", true, &g->dtb)) ||
	    (bad = string_of(f, node, name, "initrd", false, &g->initrd)) ||
	    (bad = string_of(f, node, name, "bootargs", false, &g->bootargs)) ||
	    (bad = string_of(f, node, name, "display-window", false, &g->display_window)) ||
	    (bad = number_of(f, node, name, "ram-mib", 2, L4_VMM_MAX_RAM_MIB, &g->ram_mib)) ||
	    (bad = number_of(f, node, name, "memory-bits", 20, 30, &g->memory_bits)) ||
	    (bad = number_of(f, node, name, "priority", 1, 244, &g->priority)))
		return bad;
	if (g->ram_mib % 2)
		return wrong(name, "'ram-mib' is odd: guest RAM comes in 2 MiB frames");
	if ((uint64_t)g->ram_mib << 20 >= (uint64_t)1 << g->memory_bits)
		return wrong(name, "'memory-bits' leaves no room beside its RAM");
	if (g->display_window && strcmp(g->display_window, "top") &&
	    strcmp(g->display_window, "bottom"))
		return wrong(name, "'display-window' is neither \"top\" nor \"bottom\"");
	g->console_input = fdt_prop(f, node, "console-input", NULL) != NULL;
	g->strict_hypercalls = fdt_prop(f, node, "strict-hypercalls", NULL) != NULL;
	const char *restart;
	if ((bad = string_of(f, node, name, "restart", false, &restart)))
		return bad;
	if (restart && strcmp(restart, "always") && strcmp(restart, "never"))
		return wrong(name, "'restart' is neither \"always\" nor \"never\"");
	g->restart = restart && !strcmp(restart, "always");
	return NULL;
}

const char *system_read(struct system_desc *s, const void *blob, unsigned size)
{
	struct fdt f;
	memset(s, 0, sizeof(*s));
	int err = fdt_open(&f, blob, size);
	if (err) {
		ksnprintf(problem, sizeof(problem), "not a device tree: %s", fdt_strerror(err));
		return problem;
	}
	int guests = fdt_path(&f, "/guests");
	if (guests < 0)
		return "no /guests node";
	bool console = false;
	for (int node = fdt_first_child(&f, guests); node >= 0; node = fdt_next_sibling(&f, node)) {
		if (s->guests == SYSTEM_MAX_GUESTS)
			return wrong(fdt_node_name(&f, node), "more guests than the root task starts");
		struct guest_desc *g = &s->guest[s->guests];
		const char *bad = read_guest(&f, node, g);
		if (bad)
			return bad;
		if (g->console_input && console)
			return wrong(g->name, "'console-input' is already another guest's");
		console |= g->console_input;
		s->guests++;
	}
	return s->guests ? NULL : "/guests: no guest";
}
