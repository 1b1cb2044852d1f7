/* SPDX-License-Identifier: MIT */
/* The hostile guest: a bare-metal image the VMM boots as if it were
 * Linux, which then does, at random but reproducibly (a seed), what a
 * misbehaving or malicious guest could: exits of every kind with random
 * operands, accesses to every region of its physical address space,
 * system and debug registers it does or does not own, mode changes, timer
 * and interrupt-controller games. It survives each action (its own
 * vectors count the exception and resume after the instruction) and
 * reports what happened; the system around it must survive too. */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <tern/types.h>
#include "action_flags.h"

/* ---- the board, from the device tree the VMM passed (board.c) */
struct board {
	uint32_t ram_base, ram_size;
	uint32_t uart, gicd, gicc, gicc_size;
	uint32_t virtio;          /* the virtio console's transport; 0: none */
	uint32_t dtb, dtb_size;
	uint32_t seed, actions;   /* /chosen tern,hostile-seed, -actions */
	bool trace;               /* /chosen tern,hostile-trace: print every action */
	const char *skip;         /* /chosen tern,hostile-skip: names not to run */
	uint32_t skip_length;
	const char *problem;      /* what was wrong with the device tree, or NULL */
};
extern struct board board;
void board_read(uint32_t dtb);

/* ---- console output through the guest's PL011 (console.c) */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void console_reset_uart(void);
/* Waits for one byte of console input; -1 if none came within timeout_ms. */
int console_wait_byte(uint32_t timeout_ms);

/* ---- exceptions (exceptions.c, vectors in start.S) */
enum exception_kind {
	EXC_UNDEF, EXC_SVC, EXC_PABT, EXC_DABT, EXC_IRQ, EXC_FIQ, EXC_OTHER_VECTOR, EXC_KINDS
};
struct exception_frame {
	uint32_t spsr, pad;
	uint32_t r[13];
	uint32_t lr; /* the exception's return address; set to where to resume */
};
void hostile_exception(unsigned kind, struct exception_frame *f);
/* Fault status classes of the data and prefetch aborts taken. */
enum abort_status {
	ABORT_ALIGNMENT, ABORT_EXTERNAL, ABORT_DEBUG, ABORT_TRANSLATION, ABORT_OTHER, ABORT_STATUSES
};
extern uint32_t abort_status_counts[ABORT_STATUSES];
/* The interrupts taken, by ID (1023 and above: counted as spurious). */
extern uint32_t irqs_by_id[128], irqs_spurious, irqs_disabled_at_distributor;
extern volatile uint32_t vtimer_fired, ptimer_fired;
/* While set, each virtual timer interrupt arms the timer again (1 ms):
 * a WFI with interrupts unmasked may come after any number of them (the
 * VCPU can be preempted between enabling interrupts and the WFI). */
extern volatile bool vtimer_again;
/* Where a prefetch abort of hostile_fetch_from resumes (0: none armed). */
extern volatile uint32_t hostile_fetch_resume;
/* A prefetch abort on the guest's own code: the campaign cannot go on;
 * the handler resumes in hostile_fatal (SVC mode), which reports and
 * ends the run as after a campaign. */
extern uint32_t hostile_fatal_pc, hostile_fatal_status;
__attribute__((noreturn)) void hostile_fatal(void);
/* Exceptions outside any action, or prefetch aborts not caused by one:
 * the guest's own code faulted. */
extern uint32_t stray_exceptions;
extern uint32_t last_stray_kind, last_stray_pc;

/* ---- the interrupt controller and timers (exceptions.c) */
#define VTIMER_IRQ 27
#define PTIMER_IRQ 30
/* Brings the guest's GIC back to a state in which the virtual timer
 * interrupts it: distributor and CPU interface on, nothing left active. */
void gic_recover(void);
void gicd_write(uint32_t offset, uint32_t value);
uint32_t timer_frequency(void);
uint64_t hostile_counter(void);
void spin_us(uint32_t us);

/* ---- the stage-1 MMU the guest may turn on (mmu.c) */
void mmu_init(void);
void mmu_enable(void);
void mmu_disable(void);
bool mmu_enabled(void);
/* Maps the 1 GiB window at MMU_WINDOW_VA to the 1 GiB of IPA holding ipa
 * (40 bits), as device or normal memory; returns the VA of ipa. */
#define MMU_WINDOW_VA 0xc0000000u
uint32_t mmu_window(uint64_t ipa, bool device);
/* The window back at its own addresses (beyond RAM: nothing there). */
void mmu_window_identity(void);

/* ---- the action tables (actions.S, campaign.c) */
typedef uint32_t (*action_fn)(uint32_t, uint32_t, uint32_t, uint32_t);
struct action {
	action_fn run;
	const char *name;
	uint32_t flags;
};
/* The classes the summary reports, in order. */
enum action_class {
	CLASS_HVC, CLASS_SMC, CLASS_LOAD, CLASS_STORE, CLASS_CP15_READ, CLASS_CP15_WRITE,
	CLASS_MAINT, CLASS_CP14, CLASS_DEBUG, CLASS_BURST, CLASS_WFI, CLASS_TIMER, CLASS_GICD, CLASS_MODE,
	CLASS_MMU, CLASS_FETCH, CLASS_VFP, CLASS_UNDEF, CLASS_EXITCHECK, CLASS_VIRTIO, CLASS_COUNT,
	CLASS_NONE = CLASS_COUNT
};
/* The class whose action runs now (exceptions are counted against it). */
extern volatile unsigned current_class;
struct class_stats {
	uint32_t done;
	uint32_t exceptions[EXC_KINDS];
	uint32_t wrong;        /* a check of the action's result failed */
};
extern struct class_stats class_stats[CLASS_COUNT];
void campaign_run(uint32_t seed, uint32_t actions);
void campaign_report(void);
uint32_t campaign_position(void); /* the action running (or last run) */
/* Prints a line about something wrong (a failed check, an escape), at
 * most a few dozen times in a run. */
void report_wrong(unsigned cls, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
extern uint32_t wrong_total;

/* ---- random numbers: splitmix64, so a seed gives one campaign */
void rng_seed(uint64_t seed);
uint64_t rng_save(void);          /* the state, for rng_seed to go back to */
uint32_t rng_next(void);
uint32_t rng_below(uint32_t n);    /* 0 .. n-1 */
uint32_t rng_interesting(void);    /* a value biased to edges: 0, ~0, sign bits, ... */

/* ---- the checks of exit emulation (checks.c) */
struct exit_check {
	const char *name;
	bool (*run)(char *detail, size_t size);
};
extern const struct exit_check exit_checks[];
extern const unsigned exit_check_count;

/* ---- helpers in actions.S */
uint32_t hostile_fetch_from(uint32_t target);
void hostile_bkpt_arm(void);
void hostile_bkpt_thumb(void);
uint32_t hostile_breakpoint_target(uint32_t x);
uint32_t hostile_it_then_else(uint32_t addr, uint32_t *out);
uint32_t hostile_it_then_then(uint32_t addr, uint32_t *out);
uint32_t hostile_it_four(uint32_t addr, uint32_t *out);
uint32_t hostile_it_mrc(uint32_t addr, uint32_t *out);
uint32_t hostile_thumb_ldr16_count(uint32_t addr, uint32_t *out);
uint32_t hostile_cond_mrc_fails(uint32_t marker);
uint32_t hostile_cond_mcr_passes_over(void);
uint32_t hostile_mrc_to_flags(void);
uint32_t hostile_hvc_step(uint32_t out[4]);
uint32_t hostile_smc_step(uint32_t out[4]);
void hostile_store_big_endian(uint32_t addr, uint32_t value);
uint32_t hostile_load_big_endian(uint32_t addr);

/* ---- CP15 access from C */
#define CP15_READ(opc1, crn, crm, opc2)                                                    \
	({                                                                                 \
		uint32_t v_;                                                               \
		__asm__ volatile("mrc p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2 : "=r"(v_)); \
		v_;                                                                        \
	})
#define CP15_WRITE(opc1, crn, crm, opc2, value)                                                \
	__asm__ volatile("mcr p15, " #opc1 ", %0, " #crn ", " #crm ", " #opc2 "\n\tisb" ::"r"( \
				 (uint32_t)(value))                                            \
			 : "memory")
#define CP15_WRITE64(opc1, crm, value) \
	__asm__ volatile("mcrr p15, " #opc1 ", %Q0, %R0, " #crm "\n\tisb" ::"r"((uint64_t)(value)) : "memory")

static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline uint32_t cpsr_read(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, cpsr" : "=r"(v));
	return v;
}

static inline uint32_t mmio_read32(uint32_t addr)
{
	return *(volatile uint32_t *)addr;
}
static inline void mmio_write32(uint32_t addr, uint32_t value)
{
	*(volatile uint32_t *)addr = value;
}

#endif
