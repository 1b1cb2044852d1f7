// SPDX-License-Identifier: MIT
#include <tern/cpio.h>
#include <tern/string.h>
#include "supervisor.h"
#include "vmm_launch.h"

#define VMM_ABOVE_GUEST 10   /* a VMM's priority over its guest's */
#define VMM_BOX_BITS 22      /* 4 MiB for a VMM's own objects: its TCB,
                              * CNode, VSpace, tables and program */
#define GUEST_SLOTS 256      /* root CNode slots for a VMM's objects */

/* A guest and the memory that is all of it: two untypeds the root task
 * keeps. Everything its VMM and the guest have is made from them (or is
 * a copy of a root task's cap in the VMM's CNode, which goes with it), so
 * revoking the two takes everything back, and the next start uses the same
 * memory again. */
static struct guest_run {
	const struct guest_desc *desc;
	l4_cptr_t ram_box, vmm_box;
	unsigned first_slot;
	unsigned starts;
	unsigned index;              /* in the system description */
	l4_cptr_t vmm_tcb;           /* in the VMM's range of slots */
	bool running;
} runs[SYSTEM_MAX_GUESTS];
static unsigned run_count;
static const struct supervisor_env *env;
static l4_cptr_t reports;    /* the endpoint VMMs report on (badge: run index + 1) */
static l4_cptr_t gicv[2];

static const char *const stop_names[] = {
	[L4_GUEST_POWERED_OFF] = "it powered off",
	[L4_GUEST_RESET] = "it reset (a reboot or a panic)",
	[L4_GUEST_FATAL] = "its VMM found it lost",
	[L4_GUEST_START_FAILED] = "its VMM could not start it",
};

/* Copies a name into the start page; false when it does not fit. */
static bool copy_name(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src ? src : "", size);
	if (n == size)
		return false;
	memcpy(dst, src ? src : "", n);
	dst[n] = 0;
	return true;
}

static const char *launch(struct guest_run *r)
{
	const struct guest_desc *g = r->desc;
	const struct l4_bootinfo *bi = env->bi;
	struct cpio_entry vmm, kernel;
	if (cpio_find(env->archive, bi->archive_bytes, g->vmm, &vmm) ||
	    cpio_find(env->archive, bi->archive_bytes, g->kernel, &kernel))
		return "its VMM or kernel is not in the boot archive";
	/* the VMM's objects come from its box, into its own range of slots */
	struct l4_allocator box = {.cnode = L4_CAP_INIT_CNODE, .next_slot = r->first_slot,
				   .end_slot = r->first_slot + GUEST_SLOTS, .untyped = {r->vmm_box},
				   .untyped_count = 1, .bi = bi,
				   .vspace_id_pool = env->root->vspace_id_pool};
	struct vmm_launch l = {.bi = bi, .alloc = &box, .archive = env->archive, .elf = vmm.data,
			       .elf_size = (unsigned)vmm.size, .guest_memory = r->ram_box,
			       .guest_memory_bits = g->memory_bits, .gicv = gicv[1] ? gicv : NULL,
			       .supervisor = reports, .supervisor_badge = (unsigned)(r - runs) + 1,
			       .priority = g->priority + VMM_ABOVE_GUEST,
			       .console_input = g->console_input,
			       .channels = env->channels, .guest_index = r->index,
			       .window = g->display_window
						 ? display_window_of(env->display, g->display_window)
						 : NULL};
	if (!copy_name(l.start.guest, sizeof(l.start.guest), g->name) ||
	    !copy_name(l.start.kernel, sizeof(l.start.kernel), g->kernel) ||
	    !copy_name(l.start.dtb, sizeof(l.start.dtb), g->dtb) ||
	    !copy_name(l.start.initrd, sizeof(l.start.initrd), g->initrd) ||
	    !copy_name(l.start.bootargs, sizeof(l.start.bootargs), g->bootargs))
		return "a file name or the bootargs are too long for the VMM's start page";
	l.start.ram_bytes = g->ram_mib << 20;
	l.start.guest_priority = g->priority;
	l.start.strict_hypercalls = g->strict_hypercalls;
	const char *bad = vmm_launch(&l);
	r->vmm_tcb = l.vmm_tcb;
	return bad;
}

unsigned supervisor_start(const struct supervisor_env *e, const struct system_desc *system)
{
	env = e;
	struct l4_allocator *root = e->root;
	reports = l4_alloc_object(root, L4_OBJ_ENDPOINT, 0);
	if (e->bi->gicv_paddr) {
		gicv[0] = l4_alloc_device_frame(root, e->bi->gicv_paddr);
		gicv[1] = gicv[0] ? l4_alloc_device_frame(root, e->bi->gicv_paddr + L4_PAGE_SIZE) : 0;
	}
	if (!reports || vmm_launch_prepare(root)) {
		l4_printf("roottask: out of memory for the supervisor: no guests started\n");
		return 0;
	}
	unsigned running = 0;
	for (unsigned i = 0; i < system->guests; i++) {
		struct guest_run *r = &runs[run_count];
		r->desc = &system->guest[i];
		r->index = i;
		r->ram_box = l4_alloc_object(root, L4_OBJ_UNTYPED, r->desc->memory_bits);
		r->vmm_box = l4_alloc_object(root, L4_OBJ_UNTYPED, VMM_BOX_BITS);
		r->first_slot = root->next_slot;
		const char *bad = !r->ram_box || !r->vmm_box || root->end_slot - root->next_slot < GUEST_SLOTS
					  ? "not enough memory or cap slots left for it"
					  : NULL;
		if (!bad) {
			root->next_slot += GUEST_SLOTS;
			run_count++;
			bad = launch(r);
		}
		if (bad) {
			l4_printf("roottask: guest %s: %s: not started\n", r->desc->name, bad);
			continue;
		}
		r->starts = 1;
		r->running = true;
		running++;
		l4_printf("roottask: guest %s: VMM started (%u MiB of RAM, priority %u, restart %s)\n",
			  r->desc->name, r->desc->ram_mib, r->desc->priority,
			  r->desc->restart ? "always" : "never");
	}
	return running;
}

/* Takes back everything the guest and its VMM had: the guest's objects
 * first (made of the VMM's copy of the RAM box), then the VMM's. The VMM
 * is stopped first: it may outrank the supervisor (the RTOS's does), and
 * the revoke stops at preemption points, where a VMM that still ran could
 * act on objects half taken back or keep the supervisor from finishing.
 * Its guest, whose exit it was handling, then waits for it again at its
 * exit endpoint, until the revoke takes both. */
static int take_back(struct guest_run *r)
{
	int err = r->vmm_tcb ? l4_tcb_suspend(r->vmm_tcb) : 0;
	if (!err)
		err = l4_cnode_revoke(L4_CAP_INIT_CNODE, r->ram_box);
	return err ? err : l4_cnode_revoke(L4_CAP_INIT_CNODE, r->vmm_box);
}

static void stopped(struct guest_run *r, unsigned why)
{
	const struct guest_desc *g = r->desc;
	const char *what = why < ARRAY_SIZE(stop_names) && stop_names[why] ? stop_names[why]
									     : "it stopped";
	r->running = false;
	if (!g->restart || why == L4_GUEST_START_FAILED) {
		l4_printf("roottask: guest %s stopped: %s; not started again (%s)\n", g->name, what,
			  g->restart ? "it would fail again" : "restart \"never\"");
		return;
	}
	int err = take_back(r);
	const char *bad = err ? "its memory could not be taken back" : launch(r);
	if (bad) {
		l4_printf("roottask: guest %s stopped: %s; cannot start it again: %s\n", g->name, what,
			  bad);
		return;
	}
	r->starts++;
	r->running = true;
	/* the same boxes: the root task took no memory for it */
	l4_printf("roottask: guest %s stopped: %s; started again (start %u, in the same %u MiB + "
		  "%u MiB; the root task's allocator at %u objects, slot %u)\n", g->name, what,
		  r->starts, 1u << (g->memory_bits - 20), 1u << (VMM_BOX_BITS - 20),
		  env->root->objects, env->root->next_slot);
}

void supervisor_run(void)
{
	for (;;) {
		struct l4_msg m = {.word = reports};
		l4_sys_recv(&m);
		unsigned index = m.word - 1;
		if (index >= run_count || !runs[index].running) {
			l4_printf("roottask: a report from no running guest (badge %u)\n", m.word);
			continue;
		}
		stopped(&runs[index], l4_msginfo_label(m.info));
	}
}
