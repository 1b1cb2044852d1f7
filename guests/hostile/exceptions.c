// SPDX-License-Identifier: MIT
/* Every exception the guest takes: counted against the action class that
 * caused it and resumed after the instruction, so that the campaign goes
 * on whatever the action did. Interrupts are acknowledged at the guest's
 * GIC CPU interface (the hardware's virtual one) and quieted at their
 * source, or disabled at the distributor when the guest did not ask for
 * them (a random distributor write may have enabled anything). */
#include "hostile.h"

#define PSR_MODE_MASK 0x1fu
#define PSR_MODE_SVC 0x13u
#define PSR_T (1u << 5)
#define PSR_F (1u << 6)
#define PSR_I (1u << 7)
#define PSR_A (1u << 8)
#define PSR_IT_LOW 0x06000000u  /* ITSTATE[1:0] */
#define PSR_IT_HIGH 0x0000fc00u /* ITSTATE[7:2] */

#define GICD_CTLR 0x000
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_IPRIORITYR 0x400
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_BPR 0x08
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10
#define GICC_APR 0xd0
#define GICC_DIR 0x1000
#define GICC_CTLR_EOIMODE (1u << 9)
#define GIC_SPURIOUS 1020
#define CNT_CTL_ENABLE_ISTATUS 0x5u
#define UART_IRQ 37
#define UART_IMSC 0x038
#define UART_ICR 0x044

volatile unsigned current_class = CLASS_NONE;
struct class_stats class_stats[CLASS_COUNT];
uint32_t abort_status_counts[ABORT_STATUSES];
uint32_t irqs_by_id[128], irqs_spurious, irqs_disabled_at_distributor;
volatile uint32_t vtimer_fired, ptimer_fired;
volatile bool vtimer_again;
volatile uint32_t hostile_fetch_resume;
uint32_t stray_exceptions, last_stray_kind, last_stray_pc;
uint32_t hostile_fatal_pc, hostile_fatal_status;

void gicd_write(uint32_t offset, uint32_t value)
{
	mmio_write32(board.gicd + offset, value);
}

static uint32_t gicc_read(uint32_t offset)
{
	return mmio_read32(board.gicc + offset);
}

static void gicc_write(uint32_t offset, uint32_t value)
{
	mmio_write32(board.gicc + offset, value);
}

/* Ends an acknowledged interrupt whatever EOImode the campaign left. */
static void end_interrupt(uint32_t iar)
{
	gicc_write(GICC_EOIR, iar);
	if (gicc_read(GICC_CTLR) & GICC_CTLR_EOIMODE && board.gicc_size > GICC_DIR)
		gicc_write(GICC_DIR, iar);
}

static void handle_interrupts(void)
{
	for (unsigned n = 0; n < 64; n++) {
		uint32_t iar = gicc_read(GICC_IAR);
		uint32_t id = iar & 0x3ffu;
		if (id >= GIC_SPURIOUS) {
			if (n == 0)
				irqs_spurious++;
			return;
		}
		if (id < ARRAY_SIZE(irqs_by_id))
			irqs_by_id[id]++;
		switch (id) {
		case VTIMER_IRQ:
			if (vtimer_again) { /* a WFI may still be ahead: again, later */
				CP15_WRITE64(3, c14, hostile_counter() + timer_frequency() / 1000);
				CP15_WRITE(0, c14, c3, 1, 1); /* on, IMASK clear: the kernel set it */
			} else {
				CP15_WRITE(0, c14, c3, 1, 0); /* CNTV_CTL off: the line falls */
			}
			vtimer_fired++;
			break;
		case PTIMER_IRQ: {
			/* counted as the physical timer's only if that timer fired:
			 * the guest can also pend the ID at its distributor */
			uint32_t ctl = CP15_READ(0, c14, c2, 1); /* CNTP_CTL */
			if ((ctl & CNT_CTL_ENABLE_ISTATUS) == CNT_CTL_ENABLE_ISTATUS)
				ptimer_fired++;
			CP15_WRITE(0, c14, c2, 1, 0);
			break;
		}
		case UART_IRQ:
			mmio_write32(board.uart + UART_IMSC, 0);
			mmio_write32(board.uart + UART_ICR, 0x7ff);
			break;
		default:
			if (id >= 16) { /* not an SGI (one-shot): keep it from coming back */
				gicd_write(GICD_ICENABLER + 4 * (id / 32), 1u << (id % 32));
				irqs_disabled_at_distributor++;
			}
			break;
		}
		end_interrupt(iar);
	}
}

void gic_recover(void)
{
	gicd_write(GICD_CTLR, 1);
	gicd_write(GICD_ISENABLER, 1u << VTIMER_IRQ);
	*(volatile uint8_t *)(board.gicd + GICD_IPRIORITYR + VTIMER_IRQ) = 0xa0;
	/* a random read of IAR may have taken the timer's or the UART's
	 * interrupt and left it active: a new one would only be made active
	 * and pending, never signalled. Deactivated by ID (EOImode 1, DIR). */
	gicc_write(GICC_CTLR, 1 | GICC_CTLR_EOIMODE);
	if (board.gicc_size > GICC_DIR) {
		gicc_write(GICC_DIR, VTIMER_IRQ);
		gicc_write(GICC_DIR, UART_IRQ);
	}
	gicc_write(GICC_CTLR, 1); /* enabled, EOImode 0 */
	gicc_write(GICC_PMR, 0xf8);
	gicc_write(GICC_BPR, 0);
	for (unsigned i = 0; i < 4; i++)
		gicc_write(GICC_APR + 4 * i, 0); /* no stale active priority masking */
	for (unsigned n = 0; n < 64; n++) { /* what a random IAR read left active */
		uint32_t iar = gicc_read(GICC_IAR);
		if ((iar & 0x3ffu) >= GIC_SPURIOUS)
			break;
		end_interrupt(iar);
	}
}

uint32_t timer_frequency(void)
{
	static uint32_t hz;
	if (!hz) {
		hz = CP15_READ(0, c14, c0, 0); /* CNTFRQ */
		if (!hz)
			hz = 62500000; /* QEMU's, when nobody set CNTFRQ */
	}
	return hz;
}

void spin_us(uint32_t us)
{
	uint64_t end = hostile_counter() + (uint64_t)timer_frequency() * us / 1000000;
	while (hostile_counter() < end)
		;
}

/* ITSTATE after one instruction of an IT block (ARM ARM ITAdvance). */
static uint32_t it_advance(uint32_t psr)
{
	uint32_t it = (psr >> 25 & 0x3u) | (psr >> 8 & 0xfcu);
	it = (it & 0x7u) ? (it & 0xe0u) | (it << 1 & 0x1fu) : 0;
	return (psr & ~(PSR_IT_LOW | PSR_IT_HIGH)) | (it & 0x3u) << 25 | (it >> 2) << 10;
}

static uint32_t instruction_length(uint32_t address, bool thumb)
{
	if (!thumb)
		return 4;
	uint16_t first = *(volatile uint16_t *)address;
	return (first >> 11) >= 0x1d ? 4 : 2; /* 0b11101, 0b11110, 0b11111: 32-bit */
}

/* Resume after the instruction at `address`, as if it had completed. */
static void skip_instruction(struct exception_frame *f, uint32_t address)
{
	bool thumb = f->spsr & PSR_T;
	f->lr = address + instruction_length(address, thumb);
	if (thumb)
		f->spsr = it_advance(f->spsr);
}

static enum abort_status classify(uint32_t fsr)
{
	if (fsr & (1u << 9)) { /* long-descriptor format (TTBCR.EAE) */
		uint32_t status = fsr & 0x3fu;
		switch (status) {
		case 0x21: return ABORT_ALIGNMENT;
		case 0x22: return ABORT_DEBUG;
		case 0x10: return ABORT_EXTERNAL;
		default: return (status & 0x3cu) == 0x04 ? ABORT_TRANSLATION : ABORT_OTHER;
		}
	}
	uint32_t status = (fsr & 0xfu) | (fsr >> 6 & 0x10u);
	switch (status) {
	case 0x01: return ABORT_ALIGNMENT;
	case 0x02: return ABORT_DEBUG;
	case 0x08: return ABORT_EXTERNAL;
	case 0x05: case 0x07: return ABORT_TRANSLATION;
	default: return ABORT_OTHER;
	}
}

static void stray(unsigned kind, uint32_t pc)
{
	stray_exceptions++;
	last_stray_kind = kind;
	last_stray_pc = pc;
}

void hostile_exception(unsigned kind, struct exception_frame *f)
{
	unsigned cls = current_class;
	if (cls < CLASS_COUNT)
		class_stats[cls].exceptions[kind]++;
	bool thumb = f->spsr & PSR_T;

	switch (kind) {
	case EXC_UNDEF: {
		uint32_t at = f->lr - (thumb ? 2 : 4);
		if (cls == CLASS_NONE)
			stray(kind, at);
		skip_instruction(f, at);
		break;
	}
	case EXC_SVC: {
		/* the mode action's way back from user mode: continue in SVC */
		uint32_t imm = thumb ? *(volatile uint16_t *)(f->lr - 2) & 0xffu
				     : *(volatile uint32_t *)(f->lr - 4) & 0xffffffu;
		if (imm == HOSTILE_SVC_BACK_TO_SVC)
			f->spsr = (f->spsr & ~PSR_MODE_MASK) | PSR_MODE_SVC;
		else if (cls == CLASS_NONE)
			stray(kind, f->lr);
		break;
	}
	case EXC_PABT: {
		uint32_t ifsr = CP15_READ(0, c5, c0, 1);
		abort_status_counts[classify(ifsr)]++;
		if (hostile_fetch_resume) {
			/* an action branched where nothing can run: back to it, in
			 * ARM state, the mode unchanged */
			f->lr = hostile_fetch_resume;
			f->spsr &= ~(PSR_T | PSR_IT_LOW | PSR_IT_HIGH);
			hostile_fetch_resume = 0;
			break;
		}
		uint32_t at = f->lr - 4;
		if (classify(ifsr) != ABORT_DEBUG) {
			/* the guest's own code cannot be fetched: nothing to skip to */
			stray(kind, at);
			hostile_fatal_pc = at;
			hostile_fatal_status = ifsr;
			f->lr = (uint32_t)(uintptr_t)hostile_fatal;
			f->spsr = PSR_MODE_SVC | PSR_A | PSR_I | PSR_F;
			break;
		}
		if (cls == CLASS_NONE)
			stray(kind, at);
		skip_instruction(f, at); /* a BKPT */
		break;
	}
	case EXC_DABT: {
		uint32_t at = f->lr - 8;
		abort_status_counts[classify(CP15_READ(0, c5, c0, 0))]++;
		if (cls == CLASS_NONE)
			stray(kind, at);
		skip_instruction(f, at);
		break;
	}
	case EXC_IRQ:
	case EXC_FIQ:
		f->lr -= 4;
		handle_interrupts();
		break;
	default:
		stray(kind, f->lr);
		break;
	}
}
