// SPDX-License-Identifier: MIT
/* Reads the system description. The build checks it too
 * (scripts/check_system.py); this check is the one that counts, since the
 * archive may come from elsewhere (a U-Boot image built by hand). */
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

/* ---- /channels: optional; each child names two distinct guests of
 * /guests and a number of frames. */
static const char *channel_wrong(const char *node, const char *what)
{
	ksnprintf(problem, sizeof(problem), "/channels/%s: %s", node, what);
	return problem;
}

static int guest_index(const struct system_desc *s, const char *name)
{
	for (unsigned i = 0; i < s->guests; i++)
		if (!strcmp(s->guest[i].name, name))
			return (int)i;
	return -1;
}

static const char *read_channel(const struct fdt *f, int node, struct system_desc *s,
				struct channel_desc *c)
{
	const char *name = fdt_node_name(f, node);
	uint32_t len;
	c->name = name;
	if (strlen(name) >= L4_VMM_CHANNEL_NAME)
		return channel_wrong(name, "the name is longer than 15 characters");
	const char *compatible = fdt_prop_string(f, node, "compatible");
	if (!compatible || strcmp(compatible, "tern,channel"))
		return channel_wrong(name, "'compatible' is not \"tern,channel\"");
	/* two NUL-terminated strings, the second ending the property */
	const char *names = fdt_prop(f, node, "guests", &len);
	size_t first = names && len ? strnlen(names, len) : len;
	if (!names || len < 4 || names[len - 1] || first + 1 >= len ||
	    strlen(names + first + 1) != len - first - 2)
		return channel_wrong(name, "'guests' is not two guest names");
	int a = guest_index(s, names), b = guest_index(s, names + first + 1);
	if (a < 0 || b < 0)
		return channel_wrong(name, "'guests' names a guest that /guests does not have");
	if (a == b)
		return channel_wrong(name, "'guests' names the same guest twice");
	c->side[0] = (unsigned)a;
	c->side[1] = (unsigned)b;
	uint32_t frames;
	if (fdt_prop_u32(f, node, "frames", &frames) || frames < 1 || frames > SYSTEM_MAX_CHANNEL_FRAMES) {
		ksnprintf(problem, sizeof(problem), "/channels/%s: 'frames' missing or not a number "
			  "from 1 to %u", name, SYSTEM_MAX_CHANNEL_FRAMES);
		return problem;
	}
	c->frames = frames;
	return NULL;
}

static const char *read_channels(const struct fdt *f, struct system_desc *s)
{
	int channels = fdt_path(f, "/channels");
	if (channels < 0)
		return NULL;
	unsigned per_guest[SYSTEM_MAX_GUESTS] = {0};
	for (int node = fdt_first_child(f, channels); node >= 0; node = fdt_next_sibling(f, node)) {
		if (s->channels == SYSTEM_MAX_CHANNELS)
			return channel_wrong(fdt_node_name(f, node), "more channels than the root task sets up");
		struct channel_desc *c = &s->channel[s->channels];
		const char *bad = read_channel(f, node, s, c);
		if (bad)
			return bad;
		for (unsigned side = 0; side < 2; side++)
			if (++per_guest[c->side[side]] > L4_VMM_MAX_CHANNELS)
				return channel_wrong(c->name, "a guest of it has more channels than its VMM takes");
		s->channels++;
	}
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
	uint32_t priority = SYSTEM_SUPERVISOR_PRIORITY_DEFAULT;
	if (fdt_prop(&f, guests, "supervisor-priority", NULL) &&
	    (fdt_prop_u32(&f, guests, "supervisor-priority", &priority) || priority < 1 ||
	     priority > 255))
		return "/guests: 'supervisor-priority' not a number from 1 to 255";
	s->supervisor_priority = priority;
	bool console = false;
	for (int node = fdt_first_child(&f, guests); node >= 0; node = fdt_next_sibling(&f, node)) {
		if (s->guests == SYSTEM_MAX_GUESTS)
			return wrong(fdt_node_name(&f, node), "more guests than the root task starts");
		struct guest_desc *g = &s->guest[s->guests];
		const char *bad = read_guest(&f, node, g);
		if (bad)
			return bad;
		/* a blob (not dtc) can hold two: channels and the console
		 * would then name either */
		if (guest_index(s, g->name) >= 0)
			return wrong(g->name, "another guest has the same name");
		if (g->console_input && console)
			return wrong(g->name, "'console-input' is already another guest's");
		console |= g->console_input;
		s->guests++;
	}
	if (!s->guests)
		return "/guests: no guest";
	return read_channels(&f, s);
}
