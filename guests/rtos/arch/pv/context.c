// SPDX-License-Identifier: MIT
/* A thread's saved context on the paravirtual CPU: one frame on its stack,
 * the same whether the thread gave up the CPU itself or an upcall
 * interrupted it (upcall.S): the virtual cpsr, then r0-r12, lr, pc, so
 * that one LDM resumes either. */
#include "../arch.h"

#define PSR_MODE_SVC 0x13u /* the virtual mode: the guest's kernel */

struct context_frame {
	uint32_t cpsr;
	uint32_t r[13];
	uint32_t lr;
	uint32_t pc;
};

_Static_assert(sizeof(struct context_frame) == 64, "upcall.S assumes 16 words");

uint32_t arch_context_init(uint8_t *stack_top, void (*entry)(void *), void *arg,
			   void (*on_return)(void))
{
	/* the AAPCS wants sp 8-byte aligned at a public interface */
	uintptr_t top = (uintptr_t)stack_top & ~7u;
	struct context_frame *f = (struct context_frame *)(top - sizeof(*f));
	for (unsigned i = 0; i < 13; i++)
		f->r[i] = 0;
	f->r[0] = (uint32_t)arg;
	f->lr = (uint32_t)on_return;
	f->pc = (uint32_t)entry;
	f->cpsr = PSR_MODE_SVC; /* ARM state, interrupts enabled */
	return (uint32_t)f;
}
