// SPDX-License-Identifier: MIT
/* The campaign: N actions drawn from a seeded generator. Each draw picks
 * a class by weight, a variant of it and its operands; the draws do not
 * depend on what the actions did, so a seed always gives the same
 * sequence (a skipped action is drawn but not run). */
#include <stdarg.h>
#include <tern/printf.h>
#include <tern/string.h>
#include "hostile.h"

#define PSCI_VERSION 0x84000000u
#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define MODE_MASK 0x1fu
#define MODE_SVC 0x13u
#define PSR_A (1u << 8)
#define PSR_I (1u << 7)
#define PSR_F (1u << 6)
#define MIB (1024u * 1024u)
#define GICD_ISENABLER 0x100
#define GICD_ISPENDR 0x200
#define GICD_ISACTIVER 0x300
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define MAX_WRONG_LINES 40
#define PROGRESS_EVERY 500

/* The tables actions.S builds (section actions_<class>). */
#define TABLE(c) extern const struct action __start_actions_##c[], __stop_actions_##c[]
TABLE(hvc);
TABLE(smc);
TABLE(load);
TABLE(store);
TABLE(cp15r);
TABLE(cp15w);
TABLE(maint);
TABLE(cp14);
TABLE(mode);
TABLE(undef);
TABLE(vfp);
#undef TABLE

extern char __end[];
void hostile_wfi_condition_fails(void);

uint32_t wrong_total;
static uint32_t action_index; /* the action being drawn or run */

/* ---- random numbers */
static uint64_t rng_state;

void rng_seed(uint64_t seed)
{
	rng_state = seed;
}

uint64_t rng_save(void)
{
	return rng_state;
}

uint32_t rng_next(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (uint32_t)((z ^ (z >> 31)) >> 32);
}

uint32_t rng_below(uint32_t n)
{
	return (uint32_t)(((uint64_t)rng_next() * n) >> 32);
}

uint32_t rng_interesting(void)
{
	static const uint32_t edges[] = {0, 1, 2, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
					 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu,
					 0xc5acce55u /* the debug lock key */, 0xdeadbeefu};
	switch (rng_below(4)) {
	case 0: return edges[rng_below(ARRAY_SIZE(edges))];
	case 1: return 1u << rng_below(32);
	default: return rng_next();
	}
}

/* ---- reporting */
static const char *const class_names[CLASS_COUNT] = {
	[CLASS_HVC] = "hvc", [CLASS_SMC] = "smc", [CLASS_LOAD] = "load", [CLASS_STORE] = "store",
	[CLASS_CP15_READ] = "cp15r", [CLASS_CP15_WRITE] = "cp15w", [CLASS_MAINT] = "maint",
	[CLASS_CP14] = "cp14", [CLASS_DEBUG] = "debug", [CLASS_BURST] = "burst", [CLASS_WFI] = "wfi",
	[CLASS_TIMER] = "timer", [CLASS_GICD] = "gicd", [CLASS_MODE] = "mode",
	[CLASS_MMU] = "mmu", [CLASS_FETCH] = "fetch", [CLASS_VFP] = "vfp", [CLASS_UNDEF] = "undef",
	[CLASS_EXITCHECK] = "exitcheck", [CLASS_VIRTIO] = "virtio",
};

void report_wrong(unsigned cls, const char *what, const char *fmt, ...)
{
	if (cls < CLASS_COUNT)
		class_stats[cls].wrong++;
	if (wrong_total++ >= MAX_WRONG_LINES)
		return;
	char text[160];
	va_list ap;
	va_start(ap, fmt);
	kvsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	say("WRONG #%u %s/%s: %s", action_index, cls < CLASS_COUNT ? class_names[cls] : "-", what,
	    text);
}

/* ---- where accesses go */
enum region { REGION_RAM, REGION_UART, REGION_GICD, REGION_GICC, REGION_HOLE, REGION_BEYOND };

static bool in_range(uint32_t a, uint32_t base, uint32_t size)
{
	return a - base < size;
}

static bool is_device(uint32_t a)
{
	return in_range(a, board.uart, 0x1000) || in_range(a, board.gicd, 0x1000) ||
	       in_range(a, board.gicc, board.gicc_size);
}

/* Scratch RAM a store may hit: above the image (with its stacks and page
 * tables: the final checksum covers the code, the guest needs the rest)
 * and off the device tree, the VMM's handover, left as it came. */
static uint32_t scratch_address(void)
{
	uint32_t low = ((uint32_t)(uintptr_t)__end + MIB) & ~(MIB - 1);
	uint32_t end = board.ram_base + board.ram_size;
	for (;;) {
		uint32_t a = low + rng_below(end - low);
		if (!in_range(a, board.dtb & ~0xfffu, board.dtb_size + 0x2000u))
			return a;
	}
}

static uint32_t address_in(enum region r, bool store)
{
	uint32_t ram_end = board.ram_base + board.ram_size;
	switch (r) {
	case REGION_RAM:
		return store ? scratch_address() : board.ram_base + rng_below(board.ram_size);
	case REGION_UART:
		return board.uart + rng_below(0x1000);
	case REGION_GICD:
		return board.gicd + rng_below(0x1000);
	case REGION_GICC:
		return board.gicc + rng_below(board.gicc_size);
	case REGION_HOLE:
		for (;;) {
			uint32_t a = rng_below(board.ram_base);
			if (!is_device(a))
				return a;
		}
	default:
		return ram_end + rng_below(0u - ram_end);
	}
}

static enum region pick_region(void)
{
	static const uint8_t weights[] = {[REGION_RAM] = 22, [REGION_UART] = 16, [REGION_GICD] = 16,
					  [REGION_GICC] = 10, [REGION_HOLE] = 20, [REGION_BEYOND] = 16};
	uint32_t total = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(weights); i++)
		total += weights[i];
	uint32_t x = rng_below(total);
	for (unsigned i = 0; i < ARRAY_SIZE(weights); i++) {
		if (x < weights[i])
			return (enum region)i;
		x -= weights[i];
	}
	return REGION_RAM;
}

/* Mostly aligned to the access size (the devices accept those), one in
 * four left as drawn (alignment faults, the VMM's refusals). */
static uint32_t align_for(uint32_t a, uint32_t flags)
{
	uint32_t size = flags & ACCESS_SIZE_MASK;
	if (rng_below(4) == 0 || size < 2)
		return a;
	return a & ~((size >= 8 ? 8u : size) - 1);
}

/* ---- picking from a table */
struct table {
	const struct action *begin, *end;
};

static const struct action *pick(struct table t)
{
	return t.begin + rng_below((uint32_t)(t.end - t.begin));
}

/* ---- what each action is and what it got */
struct draw {
	unsigned cls;
	const char *name;
	uint32_t arg[4];
};

uint32_t campaign_position(void)
{
	return action_index;
}

static bool skipped(const struct draw *d)
{
	if (!board.skip)
		return false;
	char full[64];
	ksnprintf(full, sizeof(full), "%s/%s", class_names[d->cls], d->name);
	for (uint32_t at = 0; at < board.skip_length;) {
		const char *entry = board.skip + at;
		if (!strcmp(entry, full) || !strcmp(entry, class_names[d->cls]))
			return true;
		at += (uint32_t)strnlen(entry, board.skip_length - at) + 1;
	}
	return false;
}

/* Called when everything about an action is drawn, right before it runs:
 * false if it is to be skipped. With tracing on, names it first, so that
 * the last line before a hang or a dead VMM is the culprit. */
static bool about_to_run(const struct draw *d)
{
	if (board.trace)
		say("#%u %s/%s %08x %08x %08x", action_index, class_names[d->cls], d->name, d->arg[0],
		    d->arg[1], d->arg[2]);
	return !skipped(d);
}

/* ---- composite actions, in C */
static void hvc_psci_version(void)
{
	__asm__ volatile("mov r0, %0\n\thvc #0" ::"r"(PSCI_VERSION) : "r0", "r1", "r2", "r3", "memory");
}

static bool wait_for(volatile uint32_t *counter, uint32_t before, uint32_t timeout_us, bool use_wfi)
{
	uint64_t deadline = hostile_counter() + (uint64_t)timer_frequency() * timeout_us / 1000000;
	while (*counter == before && hostile_counter() < deadline) {
		if (use_wfi) {
			irq_disable();
			__asm__ volatile("dsb\n\twfi" ::: "memory");
		}
		irq_enable();
		__asm__ volatile("nop\n\tnop\n\tnop" ::: "memory");
		irq_disable();
	}
	return *counter != before;
}

#define TIMER_WAIT_US 100000 /* generous: a kernel tick late and then some */

static void arm_vtimer_us(uint32_t us)
{
	CP15_WRITE(0, c14, c3, 1, 0);
	CP15_WRITE64(3, c14, hostile_counter() + (uint64_t)timer_frequency() * us / 1000000);
	CP15_WRITE(0, c14, c3, 1, 1);
}

static void timer_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"vtimer_fire", "vtimer_expired_tval", "vtimer_left_pending",
					    "ptimer_fire", "ptimer_left_armed", "vtimer_fire_wfi"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t us = rng_below(1000);
	d->arg[0] = us;
	if (!about_to_run(d))
		return;
	gic_recover();
	uint32_t before = vtimer_fired;
	switch (variant) {
	case 0:
	case 5:
		arm_vtimer_us(us);
		if (!wait_for(&vtimer_fired, before, us + TIMER_WAIT_US, variant == 5))
			report_wrong(CLASS_TIMER, d->name, "no virtual timer interrupt %u us after "
				     "its deadline", TIMER_WAIT_US);
		break;
	case 1:
		CP15_WRITE(0, c14, c3, 0, -(int32_t)us); /* CNTV_TVAL: in the past */
		CP15_WRITE(0, c14, c3, 1, 1);
		if (!wait_for(&vtimer_fired, before, TIMER_WAIT_US, false))
			report_wrong(CLASS_TIMER, d->name, "no interrupt for an expired timer");
		break;
	case 2: /* taken whenever the guest next unmasks interrupts */
		arm_vtimer_us(us);
		break;
	case 3: {
		/* the physical timer belongs to the host: the guest must never
		 * see its interrupt (it would only if it were injected) */
		uint32_t seen = ptimer_fired;
		CP15_WRITE(0, c14, c2, 1, 0);
		CP15_WRITE64(2, c14, hostile_counter() + (uint64_t)timer_frequency() * us / 1000000);
		CP15_WRITE(0, c14, c2, 1, 1);
		wait_for(&ptimer_fired, seen, us + 2000, false);
		CP15_WRITE(0, c14, c2, 1, 0);
		if (ptimer_fired != seen)
			report_wrong(CLASS_TIMER, d->name, "the physical timer interrupted the guest");
		break;
	}
	default: /* left firing for whoever runs next */
		CP15_WRITE64(2, c14, hostile_counter());
		CP15_WRITE(0, c14, c2, 1, 1);
		break;
	}
}

static void wfi_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"wfi_masked_timer", "wfi_unmasked_timer", "wfe_after_sev",
					    "wfe", "wfi_condition_fails", "sev"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t us = rng_below(500);
	d->arg[0] = us;
	if (!about_to_run(d))
		return;
	switch (variant) {
	case 0:
	case 1: {
		/* WFI must end: an interrupt is on its way (masked or not) */
		gic_recover();
		uint32_t before = vtimer_fired;
		arm_vtimer_us(us);
		if (variant == 1) {
			vtimer_again = true; /* taken before the WFI, none may be the last */
			irq_enable();
		}
		__asm__ volatile("dsb\n\twfi" ::: "memory");
		if (!wait_for(&vtimer_fired, before, TIMER_WAIT_US, false))
			report_wrong(CLASS_WFI, d->name, "woke, but no timer interrupt followed");
		irq_disable();
		vtimer_again = false;
		CP15_WRITE(0, c14, c3, 1, 0);
		gic_recover(); /* the interrupt of the last re-arm may be pending */
		break;
	}
	case 2:
		__asm__ volatile("sev\n\twfe" ::: "memory");
		break;
	case 3: /* QEMU's WFE does not wait; real hardware wakes at the next event */
		arm_vtimer_us(us);
		__asm__ volatile("wfe" ::: "memory");
		CP15_WRITE(0, c14, c3, 1, 0);
		break;
	case 4:
		hostile_wfi_condition_fails();
		break;
	default:
		__asm__ volatile("sev" ::: "memory");
		break;
	}
}

static void gicd_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"random_register", "enable_all", "pend_all", "sgi_self",
					    "sgi_others", "sgi_list", "activate_all", "configure_all",
					    "target_all", "priority_all", "disable_distributor"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t offset = rng_below(0x1000), value = rng_interesting(), width = 1u << rng_below(3);
	bool window = rng_below(2);
	d->arg[0] = offset, d->arg[1] = value, d->arg[2] = width, d->arg[3] = window;
	if (!about_to_run(d))
		return;
	switch (variant) {
	case 0:
		offset &= ~(width - 1);
		if (width == 1)
			*(volatile uint8_t *)(board.gicd + offset) = (uint8_t)value;
		else if (width == 2)
			*(volatile uint16_t *)(board.gicd + offset) = (uint16_t)value;
		else
			gicd_write(offset, value);
		break;
	case 1:
	case 2:
	case 6:
		for (uint32_t i = 0; i < 4; i++)
			gicd_write((variant == 1 ? GICD_ISENABLER : variant == 2 ? GICD_ISPENDR
										  : GICD_ISACTIVER) + 4 * i,
				   ~0u);
		break;
	case 3:
		gicd_write(GICD_SGIR, 2u << 24 | (value & 0xf)); /* to itself */
		break;
	case 4:
		gicd_write(GICD_SGIR, 1u << 24 | (value & 0xf)); /* to every other CPU: none */
		break;
	case 5:
		gicd_write(GICD_SGIR, (value & 0x03ff800fu)); /* any list, any filter */
		break;
	case 7:
		for (uint32_t i = 0; i < 8; i++)
			gicd_write(GICD_ICFGR + 4 * i, value);
		break;
	case 8:
		for (uint32_t i = 0; i < 32; i++)
			gicd_write(GICD_ITARGETSR + 4 * i, value);
		break;
	case 9:
		for (uint32_t i = 0; i < 32; i++)
			gicd_write(GICD_IPRIORITYR + 4 * i, value);
		break;
	default:
		gicd_write(0, 0);
		break;
	}
	if (window) { /* let what it raised come in; the handler quiets it */
		irq_enable();
		spin_us(100);
		irq_disable();
	}
}

/* Draws a load or store variant and its operands: d->arg[1] the address,
 * [2] and [3] the values. */
static const struct action *draw_access(struct table t, uint32_t addr, struct draw *d)
{
	const struct action *a = pick(t);
	d->arg[1] = align_for(addr, a->flags);
	d->arg[2] = rng_interesting();
	d->arg[3] = rng_next();
	d->name = a->name;
	return a;
}

static void run_access(const struct action *a, const struct draw *d)
{
	a->run(d->arg[1], d->arg[2], d->arg[3], 0);
}

static void mmu_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"enable", "disable", "window_above_4g", "window_devices",
					    "window_ram"};
	variant %= ARRAY_SIZE(names);
	uint64_t ipa;
	bool device = rng_below(2), store = rng_below(2);
	switch (variant) {
	case 2:
		ipa = (uint64_t)(1 + rng_below(255)) << 32 | rng_next();
		break;
	case 3:
		ipa = address_in(rng_below(2) ? REGION_UART : REGION_GICD, true);
		break;
	default:
		ipa = store ? scratch_address() : board.ram_base + rng_below(board.ram_size);
		break;
	}
	struct table t = store ? (struct table){__start_actions_store, __stop_actions_store}
			       : (struct table){__start_actions_load, __stop_actions_load};
	const struct action *a = draw_access(t, MMU_WINDOW_VA + (uint32_t)(ipa & 0x3fffffffu), d);
	static char name[48];
	ksnprintf(name, sizeof(name), "%s_%s%s", names[variant], device ? "device_" : "", a->name);
	d->name = variant < 2 ? names[variant] : name;
	d->arg[0] = (uint32_t)(ipa >> 32);
	if (!about_to_run(d))
		return;
	if (variant == 1) {
		mmu_disable();
		return;
	}
	if (!mmu_enabled())
		mmu_enable();
	if (variant == 0)
		return;
	mmu_window(ipa, device);
	run_access(a, d);
	mmu_window_identity();
}

static void fetch_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"hole", "beyond_ram", "uart", "gicc", "above_4g",
					    "hole_thumb", "bkpt_arm", "bkpt_thumb"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t target;
	uint64_t high = (uint64_t)(1 + rng_below(255)) << 32 | (rng_next() & ~3u);
	switch (variant) {
	case 0: target = address_in(REGION_HOLE, false) & ~3u; break;
	case 1: target = address_in(REGION_BEYOND, false) & ~3u; break;
	case 2: target = address_in(REGION_UART, false) & ~3u; break;
	case 3: target = address_in(REGION_GICC, false) & ~3u; break;
	case 4: target = MMU_WINDOW_VA + (uint32_t)(high & 0x3ffffffcu); break;
	case 5: target = (address_in(REGION_HOLE, false) & ~1u) | 1u; break;
	default: target = 0; break;
	}
	d->arg[0] = target, d->arg[1] = (uint32_t)(high >> 32);
	if (!about_to_run(d))
		return;
	if (variant == 6) {
		hostile_bkpt_arm();
		return;
	}
	if (variant == 7) {
		hostile_bkpt_thumb();
		return;
	}
	if (variant == 4) {
		if (!mmu_enabled())
			mmu_enable();
		mmu_window(high, rng_below(2));
	}
	uint32_t takes = class_stats[CLASS_FETCH].exceptions[EXC_PABT];
	hostile_fetch_from(target);
	if (variant == 4)
		mmu_window_identity();
	if (class_stats[CLASS_FETCH].exceptions[EXC_PABT] == takes)
		report_wrong(CLASS_FETCH, d->name, "a branch to %08x came back without a prefetch abort",
			     target);
	hostile_fetch_resume = 0;
}

/* The debug hardware: breakpoints and watchpoints for user mode only
 * (PL0): the guest runs at PL1 and never meets them, native threads (the
 * VMM) run at PL0 and would, if the guest's settings reached the hardware
 * (they must be trapped: HDCR). On the VMM's code and data (its addresses
 * are libl4's layout, the same in every system), on everything (a
 * watchpoint with the widest mask, a breakpoint on the guest's own
 * CONTEXTIDR, which native threads run with); on the guest itself at PL1;
 * vector catch, the OS lock, the performance monitor's overflow interrupt.
 * Then exits, so that the VMM runs while they are set. */
uint32_t act_cp14_dbgbvr0_write(uint32_t);
uint32_t act_cp14_dbgbcr0_write(uint32_t);
uint32_t act_cp14_dbgwvr0_write(uint32_t);
uint32_t act_cp14_dbgwcr0_write(uint32_t);
uint32_t act_cp14_dbgdscrext_write(uint32_t);
uint32_t act_cp14_dbgvcr_write(uint32_t);
uint32_t act_cp14_dbgoslar_write(uint32_t);
uint32_t act_cp14_dbgosdlr_write(uint32_t);
uint32_t act_cp15w_pmcr(uint32_t);
uint32_t act_cp15w_pmcntenset(uint32_t);
uint32_t act_cp15w_pmintenset(uint32_t);
uint32_t act_cp15w_pmccntr(uint32_t);
uint32_t act_cp15w_pmuserenr(uint32_t);
#define VMM_CODE 0x00010000u       /* libl4/user.lds */
#define VMM_IPC_BUFFER 0x001e1000u /* L4_VMM_IPC_BUFFER */
#define VMM_STACK_TOP 0x00200000u  /* L4_VMM_STACK_TOP */
#define DSCR_MDBGEN (1u << 15)
#define DEBUG_ENABLE 1u
#define DEBUG_PL0 (2u << 1)           /* PAC/PMC: user mode only */
#define DEBUG_PL1 (1u << 1)
#define BCR_BYTES (0xfu << 5)
#define BCR_CONTEXT_ID_MATCH (2u << 20)
#define WCR_BYTES (0xffu << 5)
#define WCR_LOAD_STORE (3u << 3)
#define WCR_MASK_2G (31u << 24)

static void debug_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {
		"breakpoint_pl0_vmm_code", "watchpoint_pl0_vmm_ipc_buffer", "watchpoint_pl0_vmm_stack",
		"watchpoint_pl0_everything", "breakpoint_pl0_contextid", "breakpoint_pl1_self",
		"vector_catch", "os_lock_and_double_lock", "pmu_overflow_interrupt"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t where;
	switch (variant) {
	case 0: where = VMM_CODE + (rng_below(0x20000) & ~3u); break;
	case 1: where = VMM_IPC_BUFFER + (rng_below(0x100) & ~7u); break;
	case 2: where = VMM_STACK_TOP - 8 - (rng_below(0x800) & ~7u); break;
	case 3: where = 0; break;
	case 4: where = CP15_READ(0, c13, c0, 1); break; /* CONTEXTIDR */
	case 5: where = (uint32_t)(uintptr_t)hostile_breakpoint_target; break;
	default: where = rng_interesting(); break;
	}
	d->arg[0] = where;
	if (!about_to_run(d))
		return;
	act_cp14_dbgdscrext_write(DSCR_MDBGEN);
	switch (variant) {
	case 0:
		act_cp14_dbgbvr0_write(where);
		act_cp14_dbgbcr0_write(BCR_BYTES | DEBUG_PL0 | DEBUG_ENABLE);
		break;
	case 1:
	case 2:
	case 3:
		act_cp14_dbgwvr0_write(where);
		act_cp14_dbgwcr0_write((variant == 3 ? WCR_MASK_2G : 0) | WCR_BYTES | WCR_LOAD_STORE |
				       DEBUG_PL0 | DEBUG_ENABLE);
		break;
	case 4:
		act_cp14_dbgbvr0_write(where);
		act_cp14_dbgbcr0_write(BCR_CONTEXT_ID_MATCH | BCR_BYTES | DEBUG_PL0 | DEBUG_ENABLE);
		break;
	case 5:
		act_cp14_dbgbvr0_write(where);
		act_cp14_dbgbcr0_write(BCR_BYTES | DEBUG_PL1 | DEBUG_ENABLE);
		break;
	case 6:
		act_cp14_dbgvcr_write(where);
		break;
	case 7:
		act_cp14_dbgoslar_write(0xc5acce55u);
		act_cp14_dbgosdlr_write(1);
		break;
	default:
		act_cp15w_pmuserenr(1);
		act_cp15w_pmccntr(0xffffff00u);
		act_cp15w_pmintenset(1u << 31);
		act_cp15w_pmcntenset(1u << 31);
		act_cp15w_pmcr(1);
		break;
	}
	for (unsigned i = 0; i < 3; i++)
		hvc_psci_version();
	(void)mmio_read32(board.uart + 0x18);
	hostile_breakpoint_target(0);
	act_cp14_dbgbcr0_write(0);
	act_cp14_dbgwcr0_write(0);
	act_cp14_dbgvcr_write(0);
	act_cp14_dbgoslar_write(0);
	act_cp14_dbgosdlr_write(0);
	act_cp14_dbgdscrext_write(0);
	act_cp15w_pmcr(0);
}

/* A guest that repeats a faulting access, or floods its console: the VMM
 * must neither print a line each time nor stop serving it. */
static void burst_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"unmapped_reads", "unmapped_writes", "no_syndrome_loads",
					    "instruction_fetches", "empty_console_lines",
					    "long_console_line"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t count = 50 + rng_below(450);
	uint32_t where = address_in(rng_below(2) ? REGION_HOLE : REGION_BEYOND, false) & ~7u;
	d->arg[0] = count, d->arg[1] = where;
	if (!about_to_run(d))
		return;
	for (uint32_t i = 0; i < count; i++) {
		switch (variant) {
		case 0: (void)mmio_read32(where); break;
		case 1: mmio_write32(where, i); break;
		case 2: __asm__ volatile("ldm %0, {r2, r3}" ::"r"(where) : "r2", "r3", "memory"); break;
		case 3: hostile_fetch_from(where); break;
		case 4: mmio_write32(board.uart, '\n'); break;
		default: mmio_write32(board.uart, 'a' + i % 26); break;
		}
	}
	if (variant == 5)
		mmio_write32(board.uart, '\n');
}

static void exitcheck_action(unsigned variant, struct draw *d)
{
	const struct exit_check *c = &exit_checks[variant % exit_check_count];
	d->name = c->name;
	d->arg[0] = rng_next(); /* the seed of the check's own draws */
	if (!about_to_run(d))
		return;
	/* the check draws from its own stream: skipping it changes nothing after */
	uint64_t campaign_stream = rng_save();
	rng_seed(d->arg[0]);
	char detail[160];
	if (!c->run(detail, sizeof(detail)))
		report_wrong(CLASS_EXITCHECK, c->name, "%s", detail);
	rng_seed(campaign_stream);
}

/* PSCI function IDs and noise, never the two that end the guest. */
static uint32_t psci_or_noise(void)
{
	uint32_t fn;
	switch (rng_below(4)) {
	case 0: fn = PSCI_VERSION + rng_below(0x20); break;
	case 1: fn = 0xc4000000u + rng_below(0x20); break; /* SMC64 IDs */
	case 2: fn = rng_interesting(); break;
	default: fn = rng_next(); break;
	}
	if (fn == PSCI_SYSTEM_OFF || fn == PSCI_SYSTEM_RESET)
		fn = PSCI_VERSION; /* the guest could not survive them */
	return fn;
}

static void mode_check(const struct action *a, uint32_t reached)
{
	static const uint32_t legal = 1u << 0x10 | 1u << 0x11 | 1u << 0x12 | 1u << 0x13 |
				      1u << 0x17 | 1u << 0x1b | 1u << 0x1f;
	if (!(a->flags & MODE_REPORTED))
		return; /* a banked-register access, not a mode change */
	uint32_t wanted = MODE_ASKED_OF(a->flags);
	if (legal >> wanted & 1u ? reached != wanted : reached != MODE_SVC)
		report_wrong(CLASS_MODE, a->name, "asked for mode %02x, the CPU was in %02x", wanted,
			     reached);
}

/* ---- the virtio console's transport (virtio-mmio 2, vmm/virtio_mmio.c) */
enum {
	VIO_DRIVER_FEATURES = 0x020, VIO_DRIVER_FEATURES_SEL = 0x024, VIO_QUEUE_SEL = 0x030,
	VIO_QUEUE_NUM = 0x038, VIO_QUEUE_READY = 0x044, VIO_QUEUE_NOTIFY = 0x050, VIO_STATUS = 0x070,
	VIO_QUEUE_DESC = 0x080, VIO_QUEUE_DRIVER = 0x090, VIO_QUEUE_DEVICE = 0x0a0,
};
#define VIO_NEEDS_RESET 0x40u

static void vio_write(uint32_t offset, uint32_t value)
{
	mmio_write32(board.virtio + offset, value);
}

/* ACKNOWLEDGE, DRIVER, VERSION_1, FEATURES_OK; queue 1 (transmit) of size
 * entries at desc, avail and used; ready. */
static void vio_set_up(uint32_t size, uint32_t desc, uint32_t avail, uint32_t used)
{
	vio_write(VIO_STATUS, 1);
	vio_write(VIO_STATUS, 3);
	vio_write(VIO_DRIVER_FEATURES_SEL, 1);
	vio_write(VIO_DRIVER_FEATURES, 1);
	vio_write(VIO_STATUS, 11);
	vio_write(VIO_QUEUE_SEL, 1);
	vio_write(VIO_QUEUE_NUM, size);
	vio_write(VIO_QUEUE_DESC, desc);
	vio_write(VIO_QUEUE_DRIVER, avail);
	vio_write(VIO_QUEUE_DEVICE, used);
	vio_write(VIO_QUEUE_READY, 1);
}

/* A driver that breaks the protocol: the device must stop (NEEDS_RESET),
 * the VMM run on. Each action ends with a reset, so console input stays
 * with the UART and the device's interrupt line low. Rings and buffers
 * lie in one page of scratch RAM. */
static void virtio_action(unsigned variant, struct draw *d)
{
	static const char *const names[] = {"random_register", "garbage_queue", "looping_chain",
					    "notify_early"};
	variant %= ARRAY_SIZE(names);
	d->name = names[variant];
	uint32_t offset = rng_below(0x1000) & ~3u, value = rng_interesting();
	uint32_t page = scratch_address() & ~0xfffu, size = 1u << rng_below(8);
	d->arg[0] = offset, d->arg[1] = value, d->arg[2] = page, d->arg[3] = size;
	if (!board.virtio || !about_to_run(d))
		return;
	volatile uint32_t *ring = (volatile uint32_t *)page;
	switch (variant) {
	case 0:
		if (value & 1)
			(void)mmio_read32(board.virtio + offset);
		else
			vio_write(offset, value);
		break;
	case 1: /* anything in the rings, the descriptor table anywhere */
		for (uint32_t i = 0, x = value | 1; i < 0x400; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			ring[i] = x;
		}
		vio_set_up(size, value & ~0xfu, page, page + 0x800);
		vio_write(VIO_STATUS, 15);
		vio_write(VIO_QUEUE_NOTIFY, value % 3);
		break;
	case 2: /* descriptors 0 -> 1 -> 0 */
		for (uint32_t i = 0; i < 0x400; i++)
			ring[i] = 0;
		for (uint32_t i = 0; i < 2; i++) {
			ring[4 * i] = page + 0xc00, ring[4 * i + 1] = 0;
			ring[4 * i + 2] = 16, ring[4 * i + 3] = 1u | (1u - i) << 16; /* NEXT, next */
		}
		ring[0x400 / 4] = 1u << 16; /* avail: flags 0, idx 1; ring[0] = 0 */
		vio_set_up(8, page, page + 0x400, page + 0x800);
		vio_write(VIO_STATUS, 15);
		vio_write(VIO_QUEUE_NOTIFY, 1);
		if (!(mmio_read32(board.virtio + VIO_STATUS) & VIO_NEEDS_RESET))
			report_wrong(CLASS_VIRTIO, d->name, "a looping chain left the device running");
		break;
	default:
		vio_write(VIO_STATUS, 3);
		vio_write(VIO_QUEUE_NOTIFY, value & 1);
		if (!(mmio_read32(board.virtio + VIO_STATUS) & VIO_NEEDS_RESET))
			report_wrong(CLASS_VIRTIO, d->name, "a notification before DRIVER_OK was taken");
		break;
	}
	vio_write(VIO_STATUS, 0);
}

/* Draws and runs one action. */
static void run_one(void)
{
	static const uint8_t weights[CLASS_COUNT] = {
		[CLASS_HVC] = 6, [CLASS_SMC] = 3, [CLASS_LOAD] = 16, [CLASS_STORE] = 13,
		[CLASS_CP15_READ] = 9, [CLASS_CP15_WRITE] = 9, [CLASS_MAINT] = 5, [CLASS_CP14] = 7,
		[CLASS_DEBUG] = 2, [CLASS_BURST] = 1, [CLASS_WFI] = 3, [CLASS_TIMER] = 3, [CLASS_GICD] = 5,
		[CLASS_MODE] = 5, [CLASS_MMU] = 3, [CLASS_FETCH] = 3, [CLASS_VFP] = 3,
		[CLASS_UNDEF] = 2, [CLASS_EXITCHECK] = 7, [CLASS_VIRTIO] = 3,
	};
	static const struct table tables[CLASS_COUNT] = {
		[CLASS_HVC] = {__start_actions_hvc, __stop_actions_hvc},
		[CLASS_SMC] = {__start_actions_smc, __stop_actions_smc},
		[CLASS_LOAD] = {__start_actions_load, __stop_actions_load},
		[CLASS_STORE] = {__start_actions_store, __stop_actions_store},
		[CLASS_CP15_READ] = {__start_actions_cp15r, __stop_actions_cp15r},
		[CLASS_CP15_WRITE] = {__start_actions_cp15w, __stop_actions_cp15w},
		[CLASS_MAINT] = {__start_actions_maint, __stop_actions_maint},
		[CLASS_CP14] = {__start_actions_cp14, __stop_actions_cp14},
		[CLASS_MODE] = {__start_actions_mode, __stop_actions_mode},
		[CLASS_UNDEF] = {__start_actions_undef, __stop_actions_undef},
		[CLASS_VFP] = {__start_actions_vfp, __stop_actions_vfp},
	};
	uint32_t total = 0;
	for (unsigned i = 0; i < CLASS_COUNT; i++)
		total += weights[i];
	uint32_t x = rng_below(total);
	unsigned cls = 0;
	while (x >= weights[cls])
		x -= weights[cls++];

	struct draw d = {.cls = cls};
	uint32_t variant = rng_next();
	current_class = cls;
	switch (cls) {
	case CLASS_LOAD:
	case CLASS_STORE: {
		enum region r = pick_region();
		d.arg[0] = r;
		const struct action *a = draw_access(tables[cls], address_in(r, cls == CLASS_STORE), &d);
		if (about_to_run(&d))
			run_access(a, &d);
		break;
	}
	case CLASS_DEBUG:
		debug_action(variant, &d);
		break;
	case CLASS_BURST:
		burst_action(variant, &d);
		break;
	case CLASS_WFI:
		wfi_action(variant, &d);
		break;
	case CLASS_TIMER:
		timer_action(variant, &d);
		break;
	case CLASS_GICD:
		gicd_action(variant, &d);
		break;
	case CLASS_MMU:
		mmu_action(variant, &d);
		break;
	case CLASS_FETCH:
		fetch_action(variant, &d);
		break;
	case CLASS_EXITCHECK:
		exitcheck_action(variant, &d);
		break;
	case CLASS_VIRTIO:
		virtio_action(variant, &d);
		break;
	default: {
		const struct action *a = pick(tables[cls]);
		d.name = a->name;
		if (cls == CLASS_HVC || cls == CLASS_SMC)
			d.arg[0] = psci_or_noise();
		else if (a->flags & ACCESS_ANYWHERE)
			d.arg[0] = address_in(pick_region(), a->flags & ACCESS_WRITE) & ~3u;
		else if (a->flags & ACCESS_SIZE_MASK)
			d.arg[0] = scratch_address() & ~3u; /* LDC/STC p14: memory it may write */
		else if (cls == CLASS_MAINT && rng_below(2))
			d.arg[0] = address_in(pick_region(), false);
		else
			d.arg[0] = rng_interesting();
		d.arg[1] = rng_interesting(), d.arg[2] = rng_interesting(), d.arg[3] = rng_interesting();
		if (!strcmp(a->name, "fcseidr_then_exit"))
			d.arg[0] = (1 + rng_below(127)) << 25; /* a non-zero PID */
		if (!about_to_run(&d))
			break;
		uint32_t result = a->run(d.arg[0], d.arg[1], d.arg[2], d.arg[3]);
		if (cls == CLASS_MODE)
			mode_check(a, result);
		break;
	}
	}
	current_class = CLASS_NONE;
	class_stats[cls].done++;

	/* every action returns in SVC mode with IRQ and FIQ masked; one that
	 * did not would be a fault of the emulation (or of the guest) */
	uint32_t cpsr = cpsr_read();
	if ((cpsr & MODE_MASK) != MODE_SVC || (cpsr & (PSR_I | PSR_F)) != (PSR_I | PSR_F)) {
		report_wrong(cls, d.name, "came back with CPSR %08x", cpsr);
		__asm__ volatile("msr cpsr_c, %0" ::"r"(MODE_SVC | PSR_I | PSR_F | PSR_A) : "memory");
	}
}

void campaign_run(uint32_t seed, uint32_t actions)
{
	rng_seed(seed);
	mmu_init();
	for (uint32_t i = 0; i < actions; i++) {
		if (i && i % PROGRESS_EVERY == 0 && !board.trace)
			say("progress %u", i);
		action_index = i;
		run_one();
	}
	/* back to a plain machine for the report and the checks */
	if (mmu_enabled())
		mmu_disable();
	CP15_WRITE(0, c14, c3, 1, 0);
	CP15_WRITE(0, c13, c0, 0, 0);
	gic_recover();
	console_reset_uart();
}

void campaign_report(void)
{
	for (unsigned c = 0; c < CLASS_COUNT; c++) {
		const struct class_stats *s = &class_stats[c];
		say("class %-9s done %4u undef %4u dabt %4u pabt %3u svc %3u irq %3u fiq %u "
		    "other %u wrong %u", class_names[c], s->done, s->exceptions[EXC_UNDEF],
		    s->exceptions[EXC_DABT], s->exceptions[EXC_PABT], s->exceptions[EXC_SVC],
		    s->exceptions[EXC_IRQ], s->exceptions[EXC_FIQ], s->exceptions[EXC_OTHER_VECTOR],
		    s->wrong);
	}
	say("aborts alignment %u external %u debug %u translation %u other %u",
	    abort_status_counts[ABORT_ALIGNMENT], abort_status_counts[ABORT_EXTERNAL],
	    abort_status_counts[ABORT_DEBUG], abort_status_counts[ABORT_TRANSLATION],
	    abort_status_counts[ABORT_OTHER]);
	uint32_t sgis = 0, others = 0;
	for (unsigned i = 0; i < ARRAY_SIZE(irqs_by_id); i++) {
		if (i < 16)
			sgis += irqs_by_id[i];
		else if (i != VTIMER_IRQ && i != PTIMER_IRQ)
			others += irqs_by_id[i];
	}
	say("interrupts vtimer %u ptimer %u sgi %u other %u spurious %u disabled %u",
	    irqs_by_id[VTIMER_IRQ], irqs_by_id[PTIMER_IRQ], sgis, others, irqs_spurious,
	    irqs_disabled_at_distributor);
	if (stray_exceptions)
		say("stray exceptions %u (the last: kind %u at %08x)", stray_exceptions,
		    last_stray_kind, last_stray_pc);
	say("wrong %u", wrong_total);
}
